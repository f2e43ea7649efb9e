// Runs graphql-http's server audit (the GraphQL over HTTP spec's checks) against a running
// service and prints one JSON array of {id, name, status, reason}. Usage: node graphql_http_audit.mjs URL
import { serverAudits } from "graphql-http";

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
process.stdout.write(JSON.stringify(results));
