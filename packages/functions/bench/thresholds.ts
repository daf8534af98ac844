// `npm run bench:thresholds`: the ThresholdChecker's scheduled run over N stored
// windows the size the stream keeps (test/windows.ts), in dynalite, each run a process of its own with the
// function's memory as its heap limit: peak heap, wall time, and the read units its Scan of SymbolWindows is
// billed. N from BENCH_WINDOWS (default 500,2000,8000), the heap from BENCH_HEAP_MB (default 256).

import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { checkerRun } from "../test/checker-run";
import { startEmulators } from "../test/emulators";

const COUNTS = (process.env.BENCH_WINDOWS ?? "500,2000,8000").split(",").map(Number);
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 256);

Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: "SILENT", POWERTOOLS_METRICS_DISABLED: "true" });
const aws = await startEmulators();
Object.assign(process.env, aws.env);
const { dynamo } = await import("#aws");
const { linked } = await import("#config");
const { seedWindows } = await import("../test/windows");

/** What a Scan of the whole table reads and is billed (eventually consistent, as the checker's). */
async function scanned(): Promise<{ items: number; readUnits: number }> {
  let items = 0;
  let readUnits = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: linked("SymbolWindows", "name"),
        ExclusiveStartKey,
        ReturnConsumedCapacity: "TOTAL",
        Select: "COUNT",
      }),
    );
    items += page.Count ?? 0;
    readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items, readUnits };
}

let seeded = 0;
try {
  for (const count of COUNTS) {
    const seedStart = performance.now();
    await seedWindows(count - seeded, "1m", { from: seeded });
    const seedMs = performance.now() - seedStart;
    seeded = count;
    const scan = await scanned();
    const run = await checkerRun(HEAP_MB);
    const row = run.report
      ? { windows: count, ...scan, seedMs, ...run.report }
      : { windows: count, ...scan, seedMs, died: run.signal ?? run.status, error: run.error };
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
} finally {
  await aws.stop();
}
