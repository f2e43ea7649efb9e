"""The GraphQL schema: each domain module's query and mutation fields, merged into one root each.

``schema.graphql`` at the project root is exported from here (``make schema``); a test keeps them equal.
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from service.api.errors import ErrorCodes
from service.api.limits import QueryLimits
from service.api.people import PeopleMutation, PeopleQuery
from service.api.relationships import RelationshipMutation, RelationshipQuery

Query = merge_types("Query", (PeopleQuery, RelationshipQuery))
Mutation = merge_types("Mutation", (PeopleMutation, RelationshipMutation))

schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=[QueryLimits, ErrorCodes])
