"""Who may do what: every access decision, in one place (R1, R5, R8-R10, R16, R18-R21, R23,
R25-R28, Identity).

One naming rule: ``require_*`` raises (UNAUTHENTICATED or FORBIDDEN) or lets the caller through,
answering the id it settled on where there is one; ``may_*`` answers a bool. ``hidden_from`` says
whose blocks hide people from a viewer.

Who asks (a domain function or resolver calls one of these before it reads or writes):

    rule             function               passes                  anonymous        others
    signed in        require_signed_in      a person or an admin    UNAUTHENTICATED  -
    as a person      require_person         a person (-> their id)  UNAUTHENTICATED  -
    admins only      require_admin          an admin                FORBIDDEN        FORBIDDEN
    self or admin    require_self_or_admin  the person, an admin    UNAUTHENTICATED  FORBIDDEN
    self alone       require_self           the person              UNAUTHENTICATED  FORBIDDEN (admins too)
    the author       require_author         the author, an admin    UNAUTHENTICATED  FORBIDDEN
    comment author   require_comment_author the comment's author    UNAUTHENTICATED  FORBIDDEN (admins too)
    comment deleter  require_may_delete_    the comment's author,   UNAUTHENTICATED  FORBIDDEN
                     comment                the post's, an admin

Where: require_person guards everything a person does or sees as themself (relationship changes,
posts, the feed, requests, settings, notifications, conversations and messages, degree, paths,
relationship, mutual connections, skills, endorsements, recommendations and their requests);
require_admin guards createPerson; require_self_or_admin guards suggestions (R16), networkStrength
(R36) and the account's profile, deletion and data (R19); require_signed_in guards who endorsed a
skill (R32) and the recommendation lists (R34); require_self guards unreadNotificationCount and
unreadConversationCount (R18, R28: notifications and unread messages are their person's alone);
require_author guards a post's audience, reach and deletion (R10, R12, R19) and its commentPolicy
(R21); require_comment_author guards editing a comment (R23: its author alone, admins included),
require_may_delete_comment deleting one (its author, the post's author or an admin).

Lists (R9). Counts are public (they are never asked here):

    list          the person   admin   others (signed in)                        anonymous
    followers     yes          yes     FORBIDDEN                                  UNAUTHENTICATED
    following     yes          yes     FORBIDDEN                                  UNAUTHENTICATED
    connections   yes          yes     per connectionsVisibility:                 UNAUTHENTICATED
                                         PUBLIC: anyone not blocked either way
                                         CONNECTIONS: the person's connections
                                         PRIVATE: FORBIDDEN
    settings      yes          yes     null (may_see_settings)                    null
    recommendations  SHOWN to anyone signed in; PENDING and HIDDEN to the two people alone, admins
                     too (may_see_recommendation; recommendations_page.cypher applies the same rule)

On what a change reads in its own write transaction (the pair's state under both people's locks
in ``relationships.change_pair``; the post to share), so the answer cannot go stale before the
write:

    rule                             function               refuses (FORBIDDEN)
    blocked either way (R8)          require_unblocked      a follow, a request, a connections list
    followPolicy CONNECTIONS (R1)    require_may_follow     a follow from anyone not connected
    "I don't know this person" (R5)  require_not_dismissed  any more requests from the one dismissed
    sharing (R10)                    require_shareable      a share of anything but a PUBLIC post
    1st degree (R31, R33, R35)       require_connected      endorsing, recommending, asking for one
    endorsable false (R31)           require_endorsable     an endorsement of that person
    commentPolicy (R21)              require_may_comment    a comment the post's policy does not allow
    who may message (R25)            require_may_message    a message across a block, or to anyone not
                                                            connected unless both policies are EVERYONE

Conversations (R26-R29) are their two participants' alone, admins included: every query that
reads one starts from the viewer's own ``(:Person)-[:IN]->(:Conversation)`` and leaves out the
conversation while either participant blocks the other, so anyone else finds nothing (null, an
empty list, NOT_FOUND; never FORBIDDEN, which would say that it exists). ``unreadConversationCount``
is ``require_self``'s, as notifications are. ``may_message`` answers R25 for ``canMessage`` and
``Conversation.canSend``.

Hiding (R8): people blocked either way are invisible to each other. ``hidden_from(viewer)`` is
the id whose blocks hide people from the viewer (none for admins and anonymous callers); the
queries that find people take it as ``$viewerId`` (``people.people_hidden_from`` and the lists).

A refusal is an error, never an empty list: an empty list would say "nobody" when the truth is
"not for you". Anonymous callers are told to sign in (UNAUTHENTICATED) rather than FORBIDDEN,
because signing in is what they can do about it; the message says what it unlocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service import cypher
from service.errors import Forbidden, Unauthenticated
from service.graph import Graph
from service.identity import Viewer

if TYPE_CHECKING:  # people.py asks here, so this module may not import it at run time
    from service.people import Person

PAIR_VISIBILITY = cypher.query("pair_visibility")


def _sign_in(what: str) -> Unauthenticated:
    return Unauthenticated(f"Sign in to {what}: send 'Authorization: Bearer <token>' (see `ties token`).")


def require_signed_in(viewer: Viewer, what: str) -> None:
    """Anyone signed in: a person or an admin. ``what`` is what signing in unlocks ("see ...")."""
    if not viewer.signed_in:
        raise _sign_in(what)


def require_person(viewer: Viewer, what: str) -> str:
    """The viewer's person id: whoever acts or looks as themself must be signed in as a person."""
    if viewer.id is None:
        raise _sign_in(what)
    return viewer.id


def require_admin(viewer: Viewer, what: str) -> None:
    """Admins alone; anonymous callers are FORBIDDEN too (no person may, so signing in won't help)."""
    if not viewer.admin:
        raise Forbidden(f"Only admins may {what}.")


def require_self_or_admin(viewer: Viewer, person_id: str | None, what: str) -> str:
    """The person ``person_id`` acts on (None: the viewer), when the viewer is that person or an admin."""
    if person_id is None:
        return require_person(viewer, what)
    if viewer.admin:
        return person_id
    if require_person(viewer, what) != person_id:
        raise Forbidden(f"Only the person themself or an admin may {what}.")
    return person_id


def require_self(viewer: Viewer, person_id: str, what: str) -> str:
    """The person alone, admins included: what only its person should ever read (notifications)."""
    if require_person(viewer, what) != person_id:
        raise Forbidden(f"Only the person themself may {what} (admins may not).")
    return person_id


def require_author(viewer: Viewer, author_id: str, what: str) -> None:
    """A post's author, or an admin."""
    if not viewer.admin and require_person(viewer, what) != author_id:
        raise Forbidden(f"Only the post's author (or an admin) may {what}.")


def require_comment_author(viewer: Viewer, author_id: str, what: str) -> None:
    """R23: a comment's author alone (admins may delete a comment, never rewrite one)."""
    if require_person(viewer, what) != author_id:
        raise Forbidden(f"Only the comment's author may {what}.")


def require_may_delete_comment(viewer: Viewer, author_id: str, post_author_id: str) -> None:
    """R23: a comment's author, the author of the post it is on, or an admin."""
    if viewer.admin:
        return
    if require_person(viewer, "delete comments") not in (author_id, post_author_id):
        raise Forbidden("Only the comment's author, the post's author or an admin may delete a comment.")


def may_comment(policy: str, is_author: bool, connected: bool) -> bool:
    """R21: whether someone who can see a post may comment on it under its commentPolicy. Its author
    always may."""
    return is_author or policy == "EVERYONE" or (policy == "CONNECTIONS" and connected)


def require_may_comment(policy: str, is_author: bool, connected: bool) -> None:
    """R21, inside the comment's own transaction."""
    if may_comment(policy, is_author, connected):
        return
    if policy == "CONNECTIONS":
        raise Forbidden("Only the author's connections may comment on this post; connect with them first.")
    raise Forbidden("The author has turned comments off for this post.")


def require_may_list_follows(viewer: Viewer, person: Person, which: str) -> None:
    """``followers`` and ``following`` lists: the person alone, or an admin."""
    require_signed_in(viewer, f"see whom {person.name} "
                              f"{'is followed by' if which == 'followers' else 'follows'}")
    if viewer.admin or viewer.id == person.id:
        return
    raise Forbidden(f"Only {person.name} can see their {which} list; their {which} count is public.")


async def require_may_list_connections(graph: Graph, viewer: Viewer, person: Person) -> None:
    """``connections`` lists, per the person's connectionsVisibility."""
    require_signed_in(viewer, f"see {person.name}'s connections")
    if viewer.admin or viewer.id == person.id:
        return
    visibility = person.connections_visibility
    if visibility == "PRIVATE":
        raise Forbidden(f"{person.name} keeps their connections private; their connection count is public.")
    row = await graph.read_one(PAIR_VISIBILITY, viewerId=viewer.id, personId=person.id)
    require_unblocked(row is not None and row["blocked"], f"see {person.name}'s connections")
    if visibility == "CONNECTIONS" and not (row is not None and row["connected"]):
        raise Forbidden(f"Only {person.name}'s connections can see their connections; "
                        "connect with them to see the list.")


def may_see_settings(viewer: Viewer, person: Person) -> bool:
    """A person's settings: the person alone, or an admin (others get null, not an error)."""
    return viewer.admin or (viewer.id is not None and viewer.id == person.id)


def require_unblocked(blocked: bool, what: str) -> None:
    """R8: nothing passes between two people while either blocks the other."""
    if blocked:
        raise Forbidden(f"You can't {what} while either of you blocks the other.")


def require_may_follow(follow_policy: str, connected: bool) -> None:
    """R1: a person whose followPolicy is CONNECTIONS takes followers from their connections only."""
    if follow_policy == "CONNECTIONS" and not connected:
        raise Forbidden("This person accepts followers from their connections only; "
                        "send a connection request instead.")


def require_not_dismissed(dismissed: bool) -> None:
    """R5: whom a person ignored with "I don't know this person" may never ask them again."""
    if dismissed:
        raise Forbidden("This person has said they don't know you; you can't send them "
                        "connection requests.")


def require_connected(connected: bool, what: str) -> None:
    """R31, R33, R35: only a person's 1st-degree connections endorse, recommend or are asked."""
    if not connected:
        raise Forbidden(f"Only 1st-degree connections may {what}; connect with this person first.")


def require_endorsable(endorsable: bool) -> None:
    """R31: a person who turned endorsements off (settings.endorsable false) takes none."""
    if not endorsable:
        raise Forbidden("This person has turned endorsements off (settings.endorsable).")


def may_see_recommendation(viewer: Viewer, status: str, author_id: str, recipient_id: str) -> bool:
    """R34: a SHOWN recommendation is for anyone signed in; PENDING and HIDDEN ones are the two
    people's alone (admins included: hiding one is the recipient's choice to keep it private)."""
    return status == "SHOWN" or viewer.id in (author_id, recipient_id)
def message_refusal(blocked: bool, connected: bool, my_policy: str, their_policy: str,
                    name: str = "This person") -> Forbidden | None:
    """R25: whether one person may message another (``name``) now, as the refusal that says which
    condition failed (None: they may). Neither may block the other, and they must be connected or
    both accept messages from everyone (messagePolicy EVERYONE)."""
    if blocked:
        return Forbidden("You can't message this person while either of you blocks the other.")
    if connected or (my_policy == "EVERYONE" and their_policy == "EVERYONE"):
        return None
    if their_policy != "EVERYONE":
        return Forbidden(f"{name} accepts messages from their connections only, and you are not "
                         "connected; send a connection request first.")
    return Forbidden("You are not connected, and your own messagePolicy is CONNECTIONS: set it to "
                     "EVERYONE (updateSettings) to message people you are not connected to.")


def may_message(blocked: bool, connected: bool, my_policy: str, their_policy: str) -> bool:
    """R25 as a yes or no (``canMessage``, ``Conversation.canSend``)."""
    return message_refusal(blocked, connected, my_policy, their_policy) is None


def require_may_message(blocked: bool, connected: bool, my_policy: str, their_policy: str,
                        name: str) -> None:
    """R25, read under both people's locks when a message is sent: FORBIDDEN saying which failed."""
    if (refusal := message_refusal(blocked, connected, my_policy, their_policy, name)) is not None:
        raise refusal


def require_shareable(visibility: str) -> None:
    """R10: only PUBLIC posts are shared; a share would show a CONNECTIONS post to strangers."""
    if visibility != "PUBLIC":
        raise Forbidden("Only public posts can be shared; this one is for the author's connections.")


def hidden_from(viewer: Viewer) -> str | None:
    """The id whose blocks hide people from this viewer: none for admins and anonymous callers."""
    return None if viewer.admin else viewer.id
