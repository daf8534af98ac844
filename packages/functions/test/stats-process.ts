// GET /stats through the Api's Hono app in a process of its own, as a warm Api sandbox answers it, asked
// `repeats` times in a row (the first also makes the SDK client): prints each answer's status, series and
// pooledFrom, its wall and CPU time, its DynamoDB calls by command, the most Queries in flight at once, and
// the read units DynamoDB billed them (ReturnConsumedCapacity asked on each call; the route asks none).
//   node --import tsx test/stats-process.ts "/stats?interval=1m&asOf=…" [repeats]
// The environment (links, endpoints, the ApiKeys link) is the parent's. BENCH_LATENCY_MS: a pause added
// before each DynamoDB call, as the network round trip to AWS would add (dynalite answers from this machine).

import { countCalls } from "./call-counter";
import { TEST_KEYS } from "./keys";

const [path, repeatsArgument] = process.argv.slice(2);
if (!path) throw new Error('usage: stats-process.ts "/stats?…" [repeats]');
const REPEATS = Number(repeatsArgument ?? 1);
const counter = countCalls("QueryCommand", { readUnits: true });

const { app } = await import("#api");
const runs = [];
for (let run = 0; run < REPEATS; run++) {
  counter.reset();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const response = await app.request(path, { headers: { "X-API-Key": TEST_KEYS.reader } });
  const json = (await response.json()) as Record<string, unknown>;
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const { calls, mostInFlight, readUnits } = counter.counted();
  runs.push({
    status: response.status,
    series: json.series,
    pooledFrom: json.pooledFrom,
    ms,
    cpuMs: (user + system) / 1000,
    calls,
    mostQueriesInFlight: mostInFlight,
    readUnits,
  });
}
// The SDK's kept-alive sockets would hold the process open.
process.stdout.write(JSON.stringify(runs), () => process.exit(0));
