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

from strawberry import UNSET
from strawberry.types import Info
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField
from strawberry.types.nodes import SelectedField, Selection

from service.api.context import Context
from service.graph import drop_outcome

#: Starts one field's answer for the object with this id, given the field's arguments by their
#: GraphQL names, defaults applied. One given as a variable the request left out arrives as None (a
#: null): a starter reads None as its field's default, as the resolvers do (``page_request``).
Starter = Callable[[Context, str, dict[str, Any]], Awaitable[Any]]

#: The scalars whose literals Strawberry's ``selected_fields`` leaves as their source text ("2").
_NUMBERS: dict[Any, Callable[[str], Any]] = {int: int, float: float}


def start(info: Info[Context, None], type_name: str, object_id: str, starters: Mapping[str, Starter]) -> None:
    """Starts every field selected on the object this resolver returns (a ``type_name``) that has a
    starter. Reads the request through Strawberry's public ``Info`` alone."""
    for selected in _below(info.selected_fields):
        starter = starters.get(selected.name)
        field = info.schema.get_field_for_type(selected.name, type_name) if starter else None
        if starter is None or field is None:
            continue
        try:
            arguments = _arguments(info, field, selected.arguments)
            started = asyncio.ensure_future(starter(info.context, object_id, arguments))
        except Exception:  # anonymous, a bad value: the field's own resolver says so where it belongs
            continue
        started.add_done_callback(drop_outcome)  # nobody reads it when the object turns out hidden


def selected(info: Info[Context, None], below: str | None = None) -> set[str]:
    """The names of the fields selected on the object this resolver returns, through fragments
    (a field under ``@skip`` or ``@include`` counts: it may be asked); with ``below``, those selected
    on what its field of that name returns, under every alias (none when it is not selected)."""
    fields = _below(info.selected_fields)
    if below is not None:
        fields = _below([node for node in fields if node.name == below])
    return {field.name for field in fields}


def _below(nodes: Sequence[Selection]) -> Iterator[SelectedField]:
    """The fields selected directly below each of ``nodes`` (for the resolver's own field: it, once
    per place the query names it), through fragments."""
    for node in nodes:
        yield from _flat(node.selections)


def _flat(selections: Sequence[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:  # an inline fragment or a fragment spread: its selections are the object's too
            yield from _flat(selection.selections)


def _arguments(info: Info[Context, None], field: StrawberryField, given: dict[str, Any]) -> dict[str, Any]:
    """``given`` as ``selected_fields`` has them (a variable's value; a literal as its text) -> the
    values the field's resolver gets, by GraphQL name, defaults applied."""
    arguments = {}
    for argument in field.arguments:
        name = info.schema.config.name_converter.from_argument(argument)
        if name in given:
            kind = argument.type.of_type if isinstance(argument.type, StrawberryOptional) else argument.type
            value = given[name]
            arguments[name] = _NUMBERS[kind](value) if isinstance(value, str) and kind in _NUMBERS else value
        elif argument.default is not UNSET:
            arguments[name] = argument.default
    return arguments
