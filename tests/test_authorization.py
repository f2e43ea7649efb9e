"""The authorization matrix: every private field and every mutation, asked by each kind of caller.

The graph is the same for every cell: ``owner`` (connections visible to CONNECTIONS), a
``stranger`` (to whom ``owner`` has a pending connection request), a ``follower`` of ``owner``, a
``connection`` of ``owner``, and ``blocked``, whom ``owner`` blocks; ``owner`` has posted ``pub``
(PUBLIC) and ``conn`` (CONNECTIONS), on which ``connection`` commented ``cpub`` and ``cconn`` and
reacted to ``pub``; ``owner`` lists the skill Python, which ``connection`` endorsed, has a SHOWN
recommendation from ``connection`` and has asked ``connection`` for one. ``owner`` and
``connection`` have a conversation, ``conv``, holding ``connection``'s message ``m1``; ``owner`` and
``blocked`` had one, ``convb``, before the block. An admin token is a role, not a person: acting *as
a person* with it finds no such person (NOT_FOUND). Each cell is the outcome a caller sees: ``ok``,
``null`` (the root field is null), ``false`` (a delete found nothing of the caller's to delete) or
the error's ``extensions.code``; a blocked caller sees no person at all.
"""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from tests.conftest import GraphQLClient
from tests.graphs import draw_comments, draw_conversation, draw_reactions

ROLES = ("anonymous", "stranger", "follower", "connection", "owner", "admin", "blocked")
NULL = "null"  # person(id), post(id) or comment(id) is null: blocked either way (R8), or not for you (R10)
FALSE = "false"  # a Boolean delete answered false: nothing of the caller's was there (R26, R27)
#: Root fields whose null means "not for you" (or not there).
NULLABLE_ROOTS = ("person", "post", "comment", "conversation", "conversationWith")


def as_role(role: str) -> dict[str, Any]:
    if role == "anonymous":
        return {}
    if role == "admin":
        return {"admin": True}
    return {"as_": role}


def draw_network(driver: neo4j.Driver) -> None:
    driver.execute_query("""
        UNWIND ['owner', 'stranger', 'follower', 'connection', 'blocked'] AS id
        CREATE (:Person {id: id, name: id, createdAt: datetime(),
                         connectionsVisibility: 'CONNECTIONS', followPolicy: 'EVERYONE'})""")
    driver.execute_query("""
        MATCH (o:Person {id: 'owner'}), (s:Person {id: 'stranger'}), (f:Person {id: 'follower'}),
              (c:Person {id: 'connection'}), (b:Person {id: 'blocked'})
        CREATE (f)-[:FOLLOWS {since: datetime()}]->(o),
               (o)-[:CONNECTED_TO {since: datetime()}]->(c),
               (o)-[:FOLLOWS {since: datetime()}]->(c), (c)-[:FOLLOWS {since: datetime()}]->(o),
               (o)-[:BLOCKS {since: datetime()}]->(b),
               (o)-[:REQUESTED {at: datetime()}]->(s),
               (o)-[:POSTED]->(:Post {id: 'pub', text: 'Public', visibility: 'PUBLIC',
                                      createdAt: datetime()}),
               (o)-[:POSTED]->(:Post {id: 'conn', text: 'Connections only', visibility: 'CONNECTIONS',
                                      createdAt: datetime()})""")
    driver.execute_query("""
        MATCH (o:Person {id: 'owner'}), (c:Person {id: 'connection'})
        CREATE (o)-[:HAS_SKILL {name: 'Python', at: datetime()}]->(:Skill {key: 'python'}),
               (c)-[:ENDORSED {id: 'endorsement', skill: 'python', at: datetime(), hidden: false}]->(o),
               (c)-[:RECOMMENDED {id: 'recommendation', text: 'Owner is great.', relationship: 'SAME_TEAM',
                                  status: 'SHOWN', createdAt: datetime(), updatedAt: datetime()}]->(o),
               (o)-[:ASKED_RECOMMENDATION {id: 'ask', at: datetime()}]->(c)""")
    draw_comments(driver, ("cpub", "connection", "pub", None, 1), ("cconn", "connection", "conn", None, 2))
    draw_reactions(driver, ("connection", "pub", "LIKE", 3))
    draw_conversation(driver, "conv", "owner", "connection",
                      [("m0", "owner", "Hello"), ("m1", "connection", "Hi")])
    draw_conversation(driver, "convb", "owner", "blocked", [("mb", "blocked", "Before the block")])


def outcome(client: GraphQLClient, query: str, role: str) -> str:
    body = client.execute(query, **as_role(role))
    if body.get("errors"):
        code: str = body["errors"][0]["extensions"]["code"]
        return code
    data = body["data"]
    if any(data.get(root, True) is None for root in NULLABLE_ROOTS):
        return NULL
    if any(value is False for value in data.values()):
        return FALSE
    return "ok"


def row(*cells: str) -> dict[str, str]:
    return dict(zip(ROLES, cells, strict=True))


#: Private fields of ``owner`` (R9): who may read them.
FIELDS: dict[str, tuple[str, dict[str, str]]] = {
    "followers": ('{ person(id: "owner") { followers { totalCount } } }',
                  row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", NULL)),
    "following": ('{ person(id: "owner") { following { totalCount } } }',
                  row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", NULL)),
    "connections (CONNECTIONS)": ('{ person(id: "owner") { connections { totalCount } } }',
                                  row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok", "ok", "ok", NULL)),
    "relationship": ('{ person(id: "owner") { relationship { blocking } } }',
                     row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "connectionRequests": ("{ connectionRequests { totalCount } }",
                           row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "suggestions": ('{ person(id: "owner") { suggestions { mutualConnectionCount } } }',
                    row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", NULL)),
    "mutualConnections": ('{ person(id: "owner") { mutualConnections { totalCount } } }',
                          row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "reach (public)": ('{ person(id: "owner") { reach { followers secondDegree audience } } }',
                       row("ok", "ok", "ok", "ok", "ok", "ok", NULL)),
    "posts": ('{ person(id: "owner") { posts { totalCount } } }',
              row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "post (PUBLIC)": ('{ post(id: "pub") { id audienceSize shareCount } }',
                      row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "post (CONNECTIONS)": ('{ post(id: "conn") { id } }',
                           row("UNAUTHENTICATED", NULL, NULL, "ok", "ok", "ok", NULL)),
    "post audience": ('{ post(id: "pub") { audience { totalCount } } }',
                      row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", NULL)),
    "post reach": ('{ post(id: "pub") { reach { direct viaShares total } } }',
                   row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", NULL)),
    "feed": ("{ feed { totalCount } }", row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", "ok")),
    "notifications": ("{ notifications { edges { cursor node { id kind at actor { id } } } } }",
                      row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "unreadNotificationCount": ('{ person(id: "owner") { unreadNotificationCount } }',
                                row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok",
                                    "FORBIDDEN", NULL)),
    "myData": ("{ myData }", row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "skills (public)": ('{ person(id: "owner") { skills { name endorsementCount viewerHasEndorsed } } }',
                        row("ok", "ok", "ok", "ok", "ok", "ok", NULL)),
    "skill endorsements": ('{ person(id: "owner") { skills { endorsements { totalCount } } } }',
                           row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "endorsementsFromConnections": (
        '{ person(id: "owner") { skills { endorsementsFromConnections { id } } } }',
        row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "recommendationCount (public)": ('{ person(id: "owner") { recommendationCount } }',
                                     row("ok", "ok", "ok", "ok", "ok", "ok", NULL)),
    "recommendations": ('{ person(id: "owner") { recommendations { totalCount } } }',
                        row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "recommendationsGiven": ('{ person(id: "connection") { recommendationsGiven { totalCount } } }',
                             row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", "ok")),
    "recommendationRequests": ("{ recommendationRequests { totalCount } }",
                               row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "networkStrength": ('{ person(id: "owner") { networkStrength { connections diversity exact } } }',
                        row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", NULL)),
    "post reactions": ('{ post(id: "pub") { reactionCount reactionCounts { kind } viewerReaction '
                       'reactions { totalCount } reactionsFromConnections { id } } }',
                       row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "post comments (PUBLIC)": ('{ post(id: "pub") { commentPolicy viewerCanComment commentCount '
                               'comments { totalCount edges { node { id } } } } }',
                               row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "post comments (CONNECTIONS)": ('{ post(id: "conn") { commentCount comments { totalCount } } }',
                                    row("UNAUTHENTICATED", NULL, NULL, "ok", "ok", "ok", NULL)),
    "comment (on PUBLIC)": ('{ comment(id: "cpub") { id text author { id } post { id } replyCount '
                            'replies { totalCount } reactionCount reactions { totalCount } '
                            'reactionsFromConnections { id } } }',
                            row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
    "comment (on CONNECTIONS)": ('{ comment(id: "cconn") { id replies { totalCount } } }',
                                 row("UNAUTHENTICATED", NULL, NULL, "ok", "ok", "ok", NULL)),
    "notifications (comment, reaction)": ("{ notifications { edges { node { comment { id } reaction } } } }",
                                          row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "conversation": ('{ conversation(id: "conv") { id status unreadCount canSend person { id } '
                     'lastMessage { text sender { id } } messages { totalCount edges { node { text } } } } }',
                     row("UNAUTHENTICATED", NULL, NULL, "ok", "ok", NULL, NULL)),
    "conversation (blocked)": ('{ conversation(id: "convb") { id } }',
                               row("UNAUTHENTICATED", NULL, NULL, NULL, NULL, NULL, NULL)),
    "conversationWith": ('{ conversationWith(personId: "owner") { id } }',
                         row("UNAUTHENTICATED", NULL, NULL, "ok", NULL, NULL, NULL)),
    "conversations": ("{ conversations { totalCount edges { node { id } } } }",
                      row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "unreadConversationCount": ('{ person(id: "owner") { unreadConversationCount } }',
                                row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok",
                                    "FORBIDDEN", NULL)),
    "relationship.conversation": ('{ person(id: "owner") { relationship { conversation { id } } } }',
                                  row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "ok", NULL)),
}


def test_posts_listed_and_fed_are_only_those_the_viewer_may_see(client: GraphQLClient,
                                                                graph_db: neo4j.Driver) -> None:
    draw_network(graph_db)
    posts = '{ person(id: "owner") { posts { edges { node { id } } } } }'
    seen = {role: sorted(e["node"]["id"] for e in client.data(posts, as_=role)["person"]["posts"]["edges"])
            for role in ("stranger", "follower", "connection", "owner")}
    assert seen == {"stranger": ["pub"], "follower": ["pub"], "connection": ["conn", "pub"],
                    "owner": ["conn", "pub"]}
    feed = "{ feed { edges { node { id } } } }"
    assert {role: sorted(e["node"]["id"] for e in client.data(feed, as_=role)["feed"]["edges"])
            for role in ("stranger", "follower", "connection", "blocked")} == {
        "stranger": [], "follower": ["pub"], "connection": ["conn", "pub"], "blocked": []}


@pytest.mark.parametrize("field", FIELDS)
def test_private_fields(client: GraphQLClient, graph_db: neo4j.Driver, field: str) -> None:
    draw_network(graph_db)
    query, expected = FIELDS[field]
    assert {role: outcome(client, query, role) for role in ROLES} == expected


def test_settings_are_null_to_everyone_but_their_owner_and_admins(client: GraphQLClient,
                                                                 graph_db: neo4j.Driver) -> None:
    draw_network(graph_db)
    seen = {role: client.data('{ person(id: "owner") { settings { followPolicy } } }', **as_role(role))
            for role in ROLES}
    assert {role: (data["person"] or {"settings": NULL})["settings"] for role, data in seen.items()} == {
        "anonymous": None, "stranger": None, "follower": None, "connection": None,
        "owner": {"followPolicy": "EVERYONE"}, "admin": {"followPolicy": "EVERYONE"}, "blocked": NULL}


#: Every mutation, aimed at ``owner`` where it takes a person; a fresh network for each cell.
MUTATIONS: dict[str, tuple[str, dict[str, str]]] = {
    "follow": ('mutation { follow(personId: "owner") { following } }',
               row("UNAUTHENTICATED", "ok", "ok", "ok", "BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN")),
    "unfollow": ('mutation { unfollow(personId: "owner") { following } }',
                 row("UNAUTHENTICATED", "ok", "ok", "ok", "BAD_USER_INPUT", "NOT_FOUND", "ok")),
    "sendConnectionRequest": ('mutation { sendConnectionRequest(personId: "owner") { requestSent } }',
                              row("UNAUTHENTICATED", "ok", "ok", "CONFLICT", "BAD_USER_INPUT", "NOT_FOUND",
                                  "FORBIDDEN")),
    "acceptConnectionRequest": ('mutation { acceptConnectionRequest(personId: "owner") { connected } }',
                                row("UNAUTHENTICATED", "ok", "NOT_FOUND", "ok", "BAD_USER_INPUT", "NOT_FOUND",
                                    "NOT_FOUND")),
    "ignoreConnectionRequest": ('mutation { ignoreConnectionRequest(personId: "owner") { connected } }',
                                row("UNAUTHENTICATED", "ok", "NOT_FOUND", "NOT_FOUND", "BAD_USER_INPUT",
                                    "NOT_FOUND", "NOT_FOUND")),
    "withdrawConnectionRequest": ('mutation { withdrawConnectionRequest(personId: "owner") { connected } }',
                                  row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND",
                                      "BAD_USER_INPUT", "NOT_FOUND", "NOT_FOUND")),
    "removeConnection": ('mutation { removeConnection(personId: "owner") { connected } }',
                         row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "ok", "BAD_USER_INPUT", "NOT_FOUND",
                             "NOT_FOUND")),
    "block": ('mutation { block(personId: "owner") { blocking } }',
              row("UNAUTHENTICATED", "ok", "ok", "ok", "BAD_USER_INPUT", "NOT_FOUND", "ok")),
    "unblock": ('mutation { unblock(personId: "owner") { blocking } }',
                row("UNAUTHENTICATED", "ok", "ok", "ok", "BAD_USER_INPUT", "NOT_FOUND", "ok")),
    "createPerson": ('mutation { createPerson(input: {name: "New"}) { id } }',
                     row("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN")),
    "updateSettings": ("mutation { updateSettings(input: {followPolicy: CONNECTIONS}) { followPolicy } }",
                       row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "createPost": ('mutation { createPost(input: {text: "Hello"}) { id } }',
                   row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "sharePost (PUBLIC)": ('mutation { sharePost(postId: "pub") { shareCount } }',
                           row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "NOT_FOUND")),
    "sharePost (CONNECTIONS)": ('mutation { sharePost(postId: "conn") { shareCount } }',
                                row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "FORBIDDEN", "FORBIDDEN",
                                    "FORBIDDEN", "NOT_FOUND")),
    "markNotificationsRead": ('mutation { markNotificationsRead(upTo: "MA==") }',  # the cursor of seq 0
                              row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "updateProfile (own)": ('mutation { updateProfile(input: {name: "New"}) { name } }',
                            row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "updateProfile (owner's)": ('mutation { updateProfile(input: {name: "N"}, personId: "owner") { name } }',
                                row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok",
                                    "FORBIDDEN")),
    "deletePost (PUBLIC)": ('mutation { deletePost(postId: "pub") }',
                            row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok",
                                "NOT_FOUND")),
    "deletePost (CONNECTIONS)": ('mutation { deletePost(postId: "conn") }',
                                 row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "FORBIDDEN", "ok", "ok",
                                     "NOT_FOUND")),
    "deleteAccount": ('mutation { deleteAccount(personId: "owner") }',
                      row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", "FORBIDDEN")),
    "addSkill": ('mutation { addSkill(name: "Go") { name } }',
                 row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok")),
    "removeSkill": ('mutation { removeSkill(name: "Python") }',
                    row("UNAUTHENTICATED", FALSE, FALSE, FALSE, "ok", "NOT_FOUND", FALSE)),
    "endorse": ('mutation { endorse(personId: "owner", skill: "Python") { endorsementCount } }',
                row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok", "BAD_USER_INPUT", "NOT_FOUND",
                    "FORBIDDEN")),
    "withdrawEndorsement": (
        'mutation { withdrawEndorsement(personId: "owner", skill: "Python") { name } }',
        row("UNAUTHENTICATED", "ok", "ok", "ok", "BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN")),
    "setEndorsementHidden": (
        'mutation { setEndorsementHidden(skill: "Python", endorserId: "connection", hidden: true) { name } }',
        row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "BAD_USER_INPUT", "ok", "NOT_FOUND", "NOT_FOUND")),
    "writeRecommendation": (
        'mutation { writeRecommendation(personId: "owner", input: {text: "Good", relationship: OTHER}) '
        '{ status } }',
        row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok", "BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN")),
    "withdrawRecommendation": (
        'mutation { withdrawRecommendation(personId: "owner") }',
        row("UNAUTHENTICATED", FALSE, FALSE, "ok", "BAD_USER_INPUT", "NOT_FOUND", FALSE)),
    "acceptRecommendation (connection's)": (
        'mutation { acceptRecommendation(authorId: "connection") { status } }',
        row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "BAD_USER_INPUT", "ok", "NOT_FOUND", "NOT_FOUND")),
    "setRecommendationHidden (connection's)": (
        'mutation { setRecommendationHidden(authorId: "connection", hidden: true) { status } }',
        row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "BAD_USER_INPUT", "ok", "NOT_FOUND", "NOT_FOUND")),
    "declineRecommendation (connection's)": (
        'mutation { declineRecommendation(authorId: "connection") }',
        row("UNAUTHENTICATED", FALSE, FALSE, "BAD_USER_INPUT", "ok", "NOT_FOUND", FALSE)),
    "requestRecommendation": (
        'mutation { requestRecommendation(personId: "owner") { message } }',
        row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok", "BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN")),
    "withdrawRecommendationRequest": (
        'mutation { withdrawRecommendationRequest(personId: "owner") }',
        row("UNAUTHENTICATED", FALSE, FALSE, FALSE, "BAD_USER_INPUT", "NOT_FOUND", FALSE)),
    "dismissRecommendationRequest": (
        'mutation { dismissRecommendationRequest(personId: "owner") }',
        row("UNAUTHENTICATED", FALSE, FALSE, "ok", "BAD_USER_INPUT", "NOT_FOUND", FALSE)),
    "reactToPost (PUBLIC)": ('mutation { reactToPost(postId: "pub", kind: LOVE) { reactionCount } }',
                             row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "NOT_FOUND")),
    "reactToPost (CONNECTIONS)": ('mutation { reactToPost(postId: "conn") { reactionCount } }',
                                  row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "ok", "ok", "NOT_FOUND",
                                      "NOT_FOUND")),
    "removePostReaction": ('mutation { removePostReaction(postId: "pub") { reactionCount } }',
                           row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "NOT_FOUND")),
    "reactToComment (on PUBLIC)": ('mutation { reactToComment(commentId: "cpub") { reactionCount } }',
                                   row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "NOT_FOUND")),
    "reactToComment (on CONNECTIONS)": ('mutation { reactToComment(commentId: "cconn") { reactionCount } }',
                                        row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "ok", "ok",
                                            "NOT_FOUND", "NOT_FOUND")),
    "removeCommentReaction": ('mutation { removeCommentReaction(commentId: "cpub") { reactionCount } }',
                              row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "NOT_FOUND")),
    "addComment (PUBLIC)": ('mutation { addComment(postId: "pub", text: "Hi") { id } }',
                            row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "NOT_FOUND")),
    "addComment (CONNECTIONS)": ('mutation { addComment(postId: "conn", text: "Hi") { id } }',
                                 row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "ok", "ok", "NOT_FOUND",
                                     "NOT_FOUND")),
    "replyToComment": ('mutation { replyToComment(commentId: "cpub", text: "Hi") { id } }',
                       row("UNAUTHENTICATED", "ok", "ok", "ok", "ok", "NOT_FOUND", "NOT_FOUND")),
    "editComment": ('mutation { editComment(commentId: "cpub", text: "Changed") { text } }',
                    row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN",
                        "NOT_FOUND")),
    "deleteComment (on PUBLIC)": ('mutation { deleteComment(commentId: "cpub") }',
                                  row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok", "ok", "ok",
                                      "NOT_FOUND")),
    "deleteComment (on CONNECTIONS)": ('mutation { deleteComment(commentId: "cconn") }',
                                       row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "ok", "ok", "ok",
                                           "NOT_FOUND")),
    "setCommentPolicy (PUBLIC)": ('mutation { setCommentPolicy(postId: "pub", policy: NOBODY) '
                                  '{ commentPolicy } }',
                                  row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok",
                                      "NOT_FOUND")),
    "setCommentPolicy (CONNECTIONS)": ('mutation { setCommentPolicy(postId: "conn", policy: NOBODY) '
                                       '{ commentPolicy } }',
                                       row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "FORBIDDEN", "ok",
                                           "ok", "NOT_FOUND")),
    "sendMessage": ('mutation { sendMessage(personId: "owner", text: "Hi") { id } }',
                    row("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "ok", "BAD_USER_INPUT", "NOT_FOUND",
                        "FORBIDDEN")),
    "acceptConversation": ('mutation { acceptConversation(conversationId: "conv") { status } }',
                           row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "ok", "ok", "NOT_FOUND",
                               "NOT_FOUND")),
    "markConversationRead": ('mutation { markConversationRead(conversationId: "conv") { unreadCount } }',
                             row("UNAUTHENTICATED", "NOT_FOUND", "NOT_FOUND", "ok", "ok", "NOT_FOUND",
                                 "NOT_FOUND")),
    "markConversationRead (blocked)": ('mutation { markConversationRead(conversationId: "convb") { id } }',
                                       row("UNAUTHENTICATED", *["NOT_FOUND"] * 6)),
    "deleteMessage": ('mutation { deleteMessage(messageId: "m1") }',
                      row("UNAUTHENTICATED", FALSE, FALSE, "ok", "ok", "NOT_FOUND", FALSE)),
    "deleteMessage (blocked)": ('mutation { deleteMessage(messageId: "mb") }',
                                row("UNAUTHENTICATED", FALSE, FALSE, FALSE, FALSE, "NOT_FOUND", FALSE)),
    "deleteConversation": ('mutation { deleteConversation(conversationId: "conv") }',
                           row("UNAUTHENTICATED", FALSE, FALSE, "ok", "ok", "NOT_FOUND", FALSE)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("mutation", MUTATIONS)
def test_mutations(client: GraphQLClient, graph_db: neo4j.Driver, mutation: str, role: str) -> None:
    draw_network(graph_db)
    query, expected = MUTATIONS[mutation]
    assert outcome(client, query, role) == expected[role]


def test_the_matrix_covers_every_mutation_in_the_schema(client: GraphQLClient) -> None:
    names = {f["name"] for f in client.data("{ __schema { mutationType { fields { name } } } }")
             ["__schema"]["mutationType"]["fields"]}
    covered = {key.split(" ")[0] for key in MUTATIONS}
    assert names <= covered, f"add these mutations to the matrix: {sorted(names - covered)}"
