// One sweep run (recovery/sweep.ts, as the ThresholdChecker makes it) in a process of its own, with the heap
// it is given (node --max-old-space-size): prints what it healed, the wall time, its DynamoDB calls by
// command, the most batch reads in flight at once, and the peak heap and resident memory.
//   node --max-old-space-size=256 --import tsx test/sweep-process.ts
// The environment (links, endpoints) is the parent's. BENCH_LATENCY_MS: a pause added before each DynamoDB
// call, as the network round trip to AWS would add (dynalite answers from this machine).

import { dynamo } from "#aws";
import { recoveryTiming } from "#config";
import { sweepStranded } from "#recovery";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
const calls: Record<string, number> = {};
let inFlight = 0;
let mostInFlight = 0;
dynamo().middlewareStack.add(
  (next, context) => async (args) => {
    const command = context.commandName ?? "";
    calls[command] = (calls[command] ?? 0) + 1;
    const batch = command === "BatchGetItemCommand";
    if (batch) mostInFlight = Math.max(mostInFlight, ++inFlight);
    try {
      if (LATENCY_MS > 0) await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
      return await next(args);
    } finally {
      if (batch) inFlight--;
    }
  },
  { step: "initialize", name: "countSweepCalls" },
);

let peakHeap = 0;
let peakRss = 0;
// Sampled between the run's awaits: what it holds across them (see checker-process.ts on maxRSS).
const sample = () => {
  const { heapUsed, rss } = process.memoryUsage();
  peakHeap = Math.max(peakHeap, heapUsed);
  peakRss = Math.max(peakRss, rss);
};
globalThis.gc?.();
const baseHeap = process.memoryUsage().heapUsed;
sample();
const sampling = setInterval(sample, 1);
const started = performance.now();
const answer = await sweepStranded(new Date(), recoveryTiming());
const ms = performance.now() - started;
clearInterval(sampling);
sample();
const report = {
  answer,
  ms,
  calls,
  mostBatchesInFlight: mostInFlight,
  baseHeapMB: baseHeap / 2 ** 20,
  peakHeapMB: peakHeap / 2 ** 20,
  peakRssMB: peakRss / 2 ** 20,
};
// The SDK's kept-alive sockets would hold the process open.
process.stdout.write(JSON.stringify(report), () => process.exit(0));
