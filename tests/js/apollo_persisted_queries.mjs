// Apollo Client (@apollo/client, pinned in package.json) asking Ties with automatic persisted
// queries: the PersistedQueryLink sends a document's sha256 alone and, told PersistedQueryNotFound,
// sends it again with the document. Prints what it got and every HTTP request it made, as JSON.
//
//   node apollo_persisted_queries.mjs URL TOKEN get|post QUERY [VARIABLES_JSON]
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { createHash } from "node:crypto";

const [url, token, method, query, variables = "{}"] = process.argv.slice(2);
const sent = [];
async function recordingFetch(uri, options) {
  const body = options.body ? JSON.parse(options.body) : null;
  sent.push({ method: options.method ?? "GET", uri: String(uri), body });
  return fetch(uri, options);
}

const client = new ApolloClient({
  link: new PersistedQueryLink({
    sha256: (text) => createHash("sha256").update(text).digest("hex"),
    useGETForHashedQueries: method === "get",
  }).concat(new HttpLink({ uri: url, fetch: recordingFetch, headers: { authorization: `Bearer ${token}` } })),
  cache: new InMemoryCache(),
});

const answers = [];
for (let i = 0; i < 2; i++) {
  const result = await client.query({ query: gql(query), variables: JSON.parse(variables), fetchPolicy: "no-cache" });
  answers.push({ data: result.data ?? null, error: result.error ? String(result.error) : null });
}
console.log(JSON.stringify({ answers, sent }));
