// dismiss_person: $me says "I don't know" $other: (me)-[:DISMISSED {at}]->(other). From then on
// $other may not send $me connection requests (R3, R5), and suggestions leave $other out (R16).
// :param me => 'grace'
// :param other => 'ada'
// Returns: at (when it was first said)
MATCH (me:Person {id: $me}), (other:Person {id: $other})
MERGE (me)-[d:DISMISSED]->(other)
  ON CREATE SET d.at = datetime()
RETURN d.at AS at
