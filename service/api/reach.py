"""The Reach type (R12): how many distinct people someone reaches. Asked as ``Person.reach``
(``service/api/people.py``), answered by ``service/reach.py`` through the ``reach`` DataLoader."""

from __future__ import annotations

import strawberry

from service import reach


@strawberry.type(description="Distinct people someone reaches; blocked people excluded [R12].")
class Reach:
    followers: int
    connections: int
    followers_outside_connections: int
    second_degree: int = strawberry.field(description="People exactly 2 steps away over connections.")
    third_degree: int = strawberry.field(description="People exactly 3 steps away over connections.")
    audience: int = strawberry.field(description="Who would see a PUBLIC post by this person: "
                                                 "followers and connections, each person once.")
    exact: bool = strawberry.field(description="True when every count of this answer is exact; false "
                                               "when large counts are estimated [R12].")

    @classmethod
    def of(cls, found: reach.Reach) -> Reach:
        return cls(followers=found.followers, connections=found.connections,
                   followers_outside_connections=found.followers_outside_connections,
                   second_degree=found.second_degree, third_degree=found.third_degree,
                   audience=found.audience, exact=found.exact)
