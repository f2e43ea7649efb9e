// The benchmark's peer: Ties' questions served by the Neo4j GraphQL Library on graphql-yoga.
//
// The library answers a whole GraphQL request with one Cypher statement it generates. Where it has
// no native equivalent (degree, mutual connections, reach, suggestions, audience size: all exclude
// blocked people, R8) a field is a @cypher field whose statement is Ties' own file from cypher/,
// wrapped in CALL (this) { ... } with Ties' parameters bound to what the library offers: the node
// being resolved (`this`), the verified bearer token (`$jwt.sub` = the viewer), and field arguments.
// So both servers run the same Cypher, and the benchmark compares what each adds around it.
//
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, TIES_JWT_SECRET, PEER_PORT.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const env = process.env;
const CYPHER = new URL("../../cypher/", import.meta.url);

/** Ties' query in cypher/<name>.cypher with each `$param` replaced by a Cypher expression. */
function tiesQuery(name, bindings) {
  let text = readFileSync(new URL(`${name}.cypher`, CYPHER), "utf8")
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n");
  for (const [param, expression] of Object.entries(bindings)) {
    text = text.replace(new RegExp(`\\$${param}\\b`, "g"), expression);
  }
  const unbound = text.match(/\$(?!jwt\b|first\b|after\b)[A-Za-z_]\w*/);
  if (unbound) throw new Error(`cypher/${name}.cypher: ${unbound[0]} has no binding in the peer`);
  return text;
}

/** A @cypher field: `field` typed in SDL, its value the Ties file's result projected by `project`. */
function cypherField(field, file, bindings, project) {
  if (!existsSync(new URL(`${file}.cypher`, CYPHER))) return "";  // that question has not landed yet
  const statement = `CALL (this) {\n${tiesQuery(file, bindings)}\n}\nRETURN ${project} AS result`;
  return `${field} @cypher(statement: ${JSON.stringify(statement)}, columnName: "result")`;
}

const viewer = { viewerId: "$jwt.sub" };
const typeDefs = /* GraphQL */ `
  type Person @node {
    id: ID!
    name: String!
    headline: String
    ${cypherField("degree: Int", "degree", { ...viewer, ids: "[this.id]" }, "degree")}
    ${cypherField("mutualConnections(first: Int = 20, after: ID): MutualConnections", "mutual_connections",
                  { ...viewer, personId: "this.id", fetch: "($first + 1)" },
                  "{total: total, people: people[0..$first]}")}
    ${cypherField("reach: Reach", "reach", { ids: "[this.id]" },
                  `{followers: followers, connections: connections,
                    followersOutsideConnections: followersOutsideConnections, secondDegree: secondDegree,
                    thirdDegree: thirdDegree, audience: audience}`)}
    ${cypherField("suggestions(first: Int = 10): [Suggestion!]!", "suggestions",
                  { id: "this.id", explain: env.PEER_SUGGESTIONS_EXPLAIN ?? "3" },
                  `{person: person, mutualConnectionCount: mutualConnectionCount,
                    mutualConnections: mutualConnections[0..3]}`)}
  }

  type Post @node {
    id: ID!
    ${cypherField("audienceSize: Int", "post_audience_sizes", { ids: "[this.id]" }, "audienceSize")}
  }

  type MutualConnections { total: Int!  people: [Person!]! }
  type Reach {
    followers: Int!  connections: Int!  followersOutsideConnections: Int!
    secondDegree: Int!  thirdDegree: Int!  audience: Int!
  }
  type Suggestion { person: Person!  mutualConnectionCount: Int!  mutualConnections: [Person!]! }
`;

const driver = neo4j.driver(env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER ?? "neo4j", env.NEO4J_PASSWORD));
const library = new Neo4jGraphQL({ typeDefs, driver, features: { authorization: { key: env.TIES_JWT_SECRET } } });
const yoga = createYoga({
  schema: await library.getSchema(),
  context: ({ request }) => ({
    token: request.headers.get("authorization") ?? undefined,
    sessionConfig: { database: env.NEO4J_DATABASE ?? "neo4j" },
  }),
  graphiql: false,
  logging: "warn",
});
const port = Number(env.PEER_PORT ?? 4000);
createServer(yoga).listen(port, "127.0.0.1", () => console.log(`peer: http://127.0.0.1:${port}/graphql`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await driver.close();
    process.exit(0);
  });
}
