// ego_network: a picture of one person's direct network: their connections and the connections among
// them (run it in Neo4j Browser and look at the graph view; a person who bridges groups shows as the
// only link between clusters).
// :param personId => 'p000042'
// :param limit => 50
// Returns: path (for the graph view)
MATCH (me:Person {id: $personId})-[:CONNECTED_TO]-(friend:Person)
WITH me, friend LIMIT $limit
WITH me, collect(friend) AS friends
UNWIND friends AS friend
OPTIONAL MATCH among = (friend)-[:CONNECTED_TO]-(other:Person)
  WHERE other IN friends AND elementId(friend) < elementId(other)
WITH me, friend, collect(among) AS amongFriends
MATCH tie = (me)-[:CONNECTED_TO]-(friend)
UNWIND [tie] + amongFriends AS path
RETURN path
