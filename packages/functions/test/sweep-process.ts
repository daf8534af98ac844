// One sweep run (recovery/sweep.ts, as the ThresholdChecker makes it) in a process of its own, with the heap
// it is given (node --max-old-space-size): prints what it healed, the wall time, its DynamoDB calls by
// command, the most batch reads in flight at once, and the peak heap and resident memory.
//   node --max-old-space-size=256 --import tsx test/sweep-process.ts
// The environment (links, endpoints) is the parent's. BENCH_LATENCY_MS: a pause added before each DynamoDB
// call, as the network round trip to AWS would add (dynalite answers from this machine).

import { dynamo } from "#aws";
import { recoveryTiming } from "#config";
import { sweepStranded } from "#recovery";
import { measuredRun } from "./peak-memory";

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

globalThis.gc?.();
const baseHeap = process.memoryUsage().heapUsed;
const { answer, ms, peakHeapMB, peakRssMB } = await measuredRun(() =>
  sweepStranded(new Date(), recoveryTiming()),
);
const report = {
  answer,
  ms,
  calls,
  mostBatchesInFlight: mostInFlight,
  baseHeapMB: baseHeap / 2 ** 20,
  peakHeapMB,
  peakRssMB,
};
// The SDK's kept-alive sockets would hold the process open.
process.stdout.write(JSON.stringify(report), () => process.exit(0));
