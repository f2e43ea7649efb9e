"""R37: how much one person may do per rolling window, counted one way for every limit.

    quota                    limit (default)   counts                                   TIES_...
    reactions                1,000 per hour    new reactions                            REACTION_LIMIT
    writing                  300 per 3 hours   comments, replies and messages together  WRITING_LIMIT
    new_conversations        20 per 7 days     conversations begun with non-connections NEW_CONVERSATION_LIMIT
    endorsements             200 per day       new endorsements                         ENDORSEMENT_LIMIT
    recommendation_requests  20 per 7 days     new recommendation requests              RECOMMENDATION_
                                                                                        REQUEST_LIMIT

Each quota keeps the times of what the person did within its window in one list property on their
node (``Person.recentReactions`` ...; Browser shows them), trimmed each time it is taken
(``cypher/take_quota.cypher``). A mutation calls ``take`` inside its own transaction, after its
checks and only when it is about to write something new (reacting again with the same kind,
endorsing twice: nothing new, nothing taken); a refusal raises LIMIT_EXCEEDED naming the limit and
when it frees (also as ``extensions.retryAt``), and rolls the transaction back, so a refused or
failed mutation uses up nothing. ``take`` write-locks the person: take it before anything that
locks other nodes beyond the pair lock (``relationships.change_pair``), and the change log last.

The counts are configurable (the settings above); the windows are the spec's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from service import cypher
from service.errors import LimitExceeded, not_in_network
from service.graph import Tx, instant
from service.settings import Settings

TAKE_QUOTA = cypher.query("take_quota")


@dataclass(frozen=True)
class Quota:
    #: The node property holding the times (``recentReactions``).
    property: str
    #: What is counted, in a sentence ("reactions", "comments, replies and messages").
    what: str
    limit: int
    window: timedelta
    #: The window in words ("per hour").
    per: str

    def describe(self) -> str:
        return f"{self.limit:,} {self.what} {self.per}"


@dataclass(frozen=True)
class InteractionLimits:
    """R37's quotas, settled once at start-up from the settings (their defaults are the spec's)."""

    reactions: Quota
    #: Comments, replies and messages together.
    writing: Quota
    #: Conversations started with someone one is not connected to.
    new_conversations: Quota
    endorsements: Quota
    recommendation_requests: Quota

    @classmethod
    def from_settings(cls, settings: Settings) -> InteractionLimits:
        return cls(
            reactions=Quota("recentReactions", "reactions", settings.reaction_limit, timedelta(hours=1),
                            "per hour"),
            writing=Quota("recentWriting", "comments, replies and messages (together)",
                          settings.writing_limit, timedelta(hours=3), "per 3 hours"),
            new_conversations=Quota("recentNewConversations", "conversations with people you are not "
                                    "connected to", settings.new_conversation_limit, timedelta(days=7),
                                    "per 7 days"),
            endorsements=Quota("recentEndorsements", "endorsements", settings.endorsement_limit,
                               timedelta(days=1), "per day"),
            recommendation_requests=Quota("recentRecommendationRequests", "recommendation requests",
                                          settings.recommendation_request_limit, timedelta(days=7),
                                          "per 7 days"),
        )


async def take(tx: Tx, person_id: str, quota: Quota) -> None:
    """Counts one more use of ``quota`` by ``person_id`` in ``tx``; LIMIT_EXCEEDED when none is left."""
    row = await tx.one(TAKE_QUOTA, person=person_id, property=quota.property, limit=quota.limit,
                       windowSeconds=int(quota.window.total_seconds()))
    if row is None:
        raise not_in_network(person_id)
    if not row["taken"]:
        raise exceeded(quota, instant(row["freeAt"]))


def exceeded(quota: Quota, free_at: datetime, now: datetime | None = None) -> LimitExceeded:
    """The refusal: which limit, and when the person may again."""
    now = now or datetime.now(UTC)
    minutes = max(1, round((free_at - now).total_seconds() / 60))
    wait = f"{minutes} minute{'s' if minutes != 1 else ''}" if minutes < 120 else f"{minutes // 60} hours"
    return LimitExceeded(f"You have reached the limit of {quota.describe()}; you can again at "
                         f"{free_at:%Y-%m-%d %H:%M} UTC (in about {wait}).",
                         extensions={"limit": quota.property, "retryAt": free_at.isoformat()})
