// my_data: everything stored about the person $id, as one map (R19, the data-portability answer):
// profile and settings, follows both ways, connections, requests both ways, blocks, "I don't know
// them" dismissals, withdrawn requests, posts and shares; reactions and comments (with the post and,
// for a reply, the comment each answers); skills, endorsements given and received, recommendations
// written and received, recommendation requests sent and received (R19 as amended); and every
// conversation they take part in with all its messages, theirs and the other's (deletedForMe:
// deleted for them alone, or before they cleared the conversation; both are still stored, for the
// other participant). Who blocks them is the blocker's data and stays out. No row: no such person.
// :param id => 'ada'
// Returns: data (a map; times as ISO text, lists ordered by time or id)
MATCH (p:Person {id: $id})
RETURN {
  profile: p {.id, .name, .headline, createdAt: toString(p.createdAt)},
  settings: {connectionsVisibility: coalesce(p.connectionsVisibility, 'CONNECTIONS'),
             followPolicy: coalesce(p.followPolicy, 'EVERYONE'),
             messagePolicy: coalesce(p.messagePolicy, 'CONNECTIONS'),
             endorsable: coalesce(p.endorsable, true)},
  following: COLLECT { MATCH (p)-[f:FOLLOWS]->(o:Person)
                       RETURN {id: o.id, since: toString(f.since)} AS x ORDER BY x.id },
  followers: COLLECT { MATCH (p)<-[f:FOLLOWS]-(o:Person)
                       RETURN {id: o.id, since: toString(f.since)} AS x ORDER BY x.id },
  connections: COLLECT { MATCH (p)-[c:CONNECTED_TO]-(o:Person)
                         RETURN {id: o.id, since: toString(c.since)} AS x ORDER BY x.id },
  requestsSent: COLLECT { MATCH (p)-[r:REQUESTED]->(o:Person)
                          RETURN {to: o.id, at: toString(r.at), message: r.message} AS x ORDER BY x.at },
  requestsReceived: COLLECT { MATCH (p)<-[r:REQUESTED]-(o:Person)
                              RETURN {from: o.id, at: toString(r.at), message: r.message} AS x ORDER BY x.at },
  blocks: COLLECT { MATCH (p)-[b:BLOCKS]->(o:Person)
                    RETURN {id: o.id, since: toString(b.since)} AS x ORDER BY x.id },
  dismissed: COLLECT { MATCH (p)-[d:DISMISSED]->(o:Person)
                       RETURN {id: o.id, at: toString(d.at)} AS x ORDER BY x.id },
  withdrawnRequests: COLLECT { MATCH (p)-[w:WITHDREW]->(o:Person)
                               RETURN {to: o.id, at: toString(w.at)} AS x ORDER BY x.at },
  posts: COLLECT { MATCH (p)-[:POSTED]->(post:Post)
                   RETURN post {.id, .text, .visibility, createdAt: toString(post.createdAt),
                                commentPolicy: coalesce(post.commentPolicy, 'EVERYONE')} AS x
                   ORDER BY x.createdAt },
  shares: COLLECT { MATCH (p)-[s:SHARED]->(post:Post)
                    RETURN {post: post.id, at: toString(s.at)} AS x ORDER BY x.at },
  skills: COLLECT { MATCH (p)-[h:HAS_SKILL]->(:Skill)
                    RETURN {name: h.name, at: toString(h.at)} AS x ORDER BY x.at },
  endorsementsGiven: COLLECT { MATCH (p)-[e:ENDORSED]->(o:Person)
                               RETURN {to: o.id, skill: e.skill, at: toString(e.at)} AS x ORDER BY x.at },
  endorsementsReceived: COLLECT { MATCH (p)<-[e:ENDORSED]-(o:Person)
                                  RETURN {from: o.id, skill: e.skill, at: toString(e.at),
                                          hidden: coalesce(e.hidden, false)} AS x ORDER BY x.at },
  recommendationsWritten: COLLECT { MATCH (p)-[r:RECOMMENDED]->(o:Person)
                                    RETURN {to: o.id, relationship: r.relationship, text: r.text,
                                            status: r.status, createdAt: toString(r.createdAt),
                                            updatedAt: toString(r.updatedAt)} AS x ORDER BY x.createdAt },
  recommendationsReceived: COLLECT { MATCH (p)<-[r:RECOMMENDED]-(o:Person)
                                     RETURN {from: o.id, relationship: r.relationship, text: r.text,
                                             status: r.status, createdAt: toString(r.createdAt),
                                             updatedAt: toString(r.updatedAt)} AS x ORDER BY x.createdAt },
  recommendationRequestsSent: COLLECT { MATCH (p)-[a:ASKED_RECOMMENDATION]->(o:Person)
                                        RETURN {to: o.id, at: toString(a.at), message: a.message} AS x
                                        ORDER BY x.at },
  recommendationRequestsReceived: COLLECT { MATCH (p)<-[a:ASKED_RECOMMENDATION]-(o:Person)
                                            RETURN {from: o.id, at: toString(a.at), message: a.message} AS x
                                            ORDER BY x.at },
  reactions: COLLECT { MATCH (p)-[r:REACTED]->(s) WHERE s:Post OR s:Comment
                       RETURN {kind: r.kind, at: toString(r.at), post: CASE WHEN s:Post THEN s.id END,
                               comment: CASE WHEN s:Comment THEN s.id END} AS x ORDER BY x.at },
  comments: COLLECT { MATCH (p)-[:WROTE]->(c:Comment)-[:ON]->(post:Post)
                      RETURN {id: c.id, post: post.id, replyTo: c.parentId, text: c.text,
                              createdAt: toString(c.createdAt), editedAt: toString(c.editedAt)} AS x
                      ORDER BY x.createdAt },
  notificationsReadUpTo: p.notificationsReadUpTo,
  conversations: COLLECT {
    MATCH (p)-[mine:IN]->(c:Conversation)<-[:IN]-(o)
    RETURN {id: c.id, with: o.id, status: mine.status, createdAt: toString(c.createdAt),
            readUpTo: mine.readUpTo, clearedUpTo: mine.clearedUpTo,
            messages: COLLECT {
              MATCH (m:Message)
              WHERE m.conversation = c.id
              RETURN {id: m.id, seq: m.seq, sender: m.sender, text: m.text, sentAt: toString(m.sentAt),
                      deletedForMe: m.seq <= mine.clearedUpTo OR EXISTS { (p)-[:DELETED]->(m) }} AS m
              ORDER BY m.seq
            }} AS x ORDER BY x.createdAt
  }
} AS data
