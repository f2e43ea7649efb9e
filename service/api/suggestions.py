"""The Suggestion type (R16): someone a person may know, and the mutual connections that say why.

Asked as ``Person.suggestions`` (``service/api/people.py``). Person is referenced lazily, and
imported inside the functions that build it, because people.py imports this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service import mutuals, suggestions
from service.api.context import Context
from service.errors import BadUserInput
from service.pages import PageRequest

if TYPE_CHECKING:
    from service.api.people import Person

LazyPerson = Annotated["Person", strawberry.lazy("service.api.people")]


@strawberry.type(description="Someone the person may know, and the mutual connections that say why [R16].")
class Suggestion:
    person: LazyPerson
    mutual_connection_count: int
    data: strawberry.Private[suggestions.Suggestion]

    @strawberry.field(description="The first mutual connections, by id.")
    async def mutual_connections(self, info: Info[Context, None],
                                 first: int | None = suggestions.EXPLAINED) -> list[LazyPerson]:
        from service.api.people import Person

        first = suggestions.EXPLAINED if first is None else first
        if first < 0:
            raise BadUserInput(f"'first' must not be negative; got {first}")
        known = self.data.mutuals
        if first > len(known) and self.data.mutual_count > len(known):
            page = await mutuals.mutual_connections(info.context.graph, info.context.network,
                                                    self.data.for_id, self.data.person.id,
                                                    PageRequest.parse(first, None))
            known = page.items
        return [Person.of(p) for p in known[:first]]

    @classmethod
    def of(cls, found: suggestions.Suggestion) -> Suggestion:
        from service.api.people import Person

        return cls(person=Person.of(found.person), mutual_connection_count=found.mutual_count, data=found)
