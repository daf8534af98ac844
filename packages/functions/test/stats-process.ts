// GET /stats through the Api's Hono app in a process of its own, as a warm Api sandbox answers it, asked
// `repeats` times in a row (the first also makes the SDK client): prints each answer's status, series and
// pooledFrom, its wall and CPU time, its DynamoDB calls by command, the most Queries in flight at once, and
// the read units DynamoDB billed them (ReturnConsumedCapacity asked on each call; the route asks none).
//   node --import tsx test/stats-process.ts "/stats?interval=1m&asOf=…" [repeats]
// The environment (links, endpoints, the ApiKeys link) is the parent's. BENCH_LATENCY_MS: a pause added
// before each DynamoDB call, as the network round trip to AWS would add (dynalite answers from this machine).

import { dynamo } from "#aws";
import { TEST_KEYS } from "./keys";

const [path, repeatsArgument] = process.argv.slice(2);
if (!path) throw new Error('usage: stats-process.ts "/stats?…" [repeats]');
const REPEATS = Number(repeatsArgument ?? 1);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);

let calls: Record<string, number> = {};
let readUnits = 0;
let inFlight = 0;
let mostInFlight = 0;
dynamo().middlewareStack.add(
  (next, context) => async (args) => {
    const command = context.commandName ?? "";
    calls[command] = (calls[command] ?? 0) + 1;
    const query = command === "QueryCommand";
    if (query) mostInFlight = Math.max(mostInFlight, ++inFlight);
    (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
    try {
      if (LATENCY_MS > 0) await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
      readUnits += consumed?.CapacityUnits ?? 0;
      return result;
    } finally {
      if (query) inFlight--;
    }
  },
  { step: "initialize", name: "countStatsCalls" },
);

const { app } = await import("#api");
const runs = [];
for (let run = 0; run < REPEATS; run++) {
  calls = {};
  readUnits = 0;
  mostInFlight = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const response = await app.request(path, { headers: { "X-API-Key": TEST_KEYS.reader } });
  const json = (await response.json()) as Record<string, unknown>;
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
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
