"""Starting a looked-up object's field queries while the lookup itself is still in flight.

``person(id:) { degree }`` takes two queries: the lookup (is there such a person, may the viewer
see them?) and the degree. GraphQL runs them one after the other, because a hidden person's fields
are never resolved. Started beside the lookup instead, the field's query costs the request one
round trip to Neo4j rather than two; when the person turns out hidden, its answer is dropped unread.

Only fields whose answer depends on nothing but the viewer, the object's id and the field's
arguments may be started early, through a *starter*: a DataLoader ``load`` or ``Context.once``
with the same key the field's resolver uses, so the resolver finds the answer already on its way
(and starts its own when nothing was, e.g. for arguments given differently).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    InlineFragmentNode,
    SelectionNode,
    get_named_type,
)
from graphql.execution.values import get_argument_values
from strawberry.types import Info

from service.api.context import Context
from service.graph import drop_outcome

#: Starts one field's answer for the object with this id, given the field's arguments (defaults
#: applied, by their GraphQL names).
Starter = Callable[[Context, str, dict[str, Any]], Awaitable[Any]]


def start(info: Info[Context, None], object_id: str, starters: Mapping[str, Starter]) -> None:
    """Starts every field selected on the object this resolver returns that has a starter."""
    raw = info._raw_info
    object_type = get_named_type(raw.return_type)
    if not isinstance(object_type, GraphQLObjectType):
        return
    for node in _fields(raw.field_nodes, raw.fragments):
        starter = starters.get(node.name.value)
        definition = object_type.fields.get(node.name.value)
        if starter is None or definition is None:
            continue
        try:
            arguments = get_argument_values(definition, node, raw.variable_values)
        except Exception:  # a bad argument: the field's own resolver will say so
            continue
        try:
            started = asyncio.ensure_future(starter(info.context, object_id, arguments))
        except Exception:  # e.g. anonymous: the field's own resolver will raise it where it belongs
            continue
        started.add_done_callback(drop_outcome)  # nobody reads it when the object turns out hidden


def _fields(nodes: Sequence[FieldNode],
            fragments: Mapping[str, FragmentDefinitionNode]) -> Iterator[FieldNode]:
    """The fields selected directly below ``nodes``, through fragments."""
    for node in nodes:
        yield from _below(node.selection_set.selections if node.selection_set else (), fragments)


def _below(selections: Sequence[SelectionNode],
           fragments: Mapping[str, FragmentDefinitionNode]) -> Iterator[FieldNode]:
    for selection in selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _below(selection.selection_set.selections, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            yield from _below(fragments[selection.name.value].selection_set.selections, fragments)
