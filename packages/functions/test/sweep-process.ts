// One sweep run (recovery/sweep.ts, as the ThresholdChecker makes it) in a process of its own, with the heap
// it is given (node --max-old-space-size): prints what it healed, the wall time, its DynamoDB calls by
// command, the most batch reads in flight at once, and the peak heap and resident memory.
//   node --max-old-space-size=256 --import tsx test/sweep-process.ts
// The environment (links, endpoints) is the parent's. BENCH_LATENCY_MS: a pause added before each DynamoDB
// call, as the network round trip to AWS would add (dynalite answers from this machine).

import { recoveryTiming } from "#config";
import { sweepStranded } from "#recovery";
import { countCalls } from "./call-counter";
import { measuredRun } from "./peak-memory";

const counter = countCalls("BatchGetItemCommand");

globalThis.gc?.();
const baseHeap = process.memoryUsage().heapUsed;
const { answer, ms, peakHeapMB, peakRssMB } = await measuredRun(() =>
  sweepStranded(new Date(), recoveryTiming()),
);
const { calls, mostInFlight } = counter.counted();
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
