// `npm run bench:stats-as-of`: GET /stats?interval=&asOf= without a symbol over N listed series, in dynalite:
// each series' snapshots stored as the KinesisConsumer stores them (saveSeriesSnapshot, the tallies of
// test/windows.ts, 4.4 KB items), the list of series as the ThresholdChecker's pooling run stores it
// (saveSeriesList), then the request asked in a process of its own (test/stats-process.ts) a few times in a
// row: wall and CPU time, Queries, the most in flight at once, read units, for docs/capacity.md ("Evidence
// snapshots"). N from BENCH_SERIES (default 2000,8000), snapshots per series from BENCH_SNAPSHOTS (default
// 4; the answer uses the one before the newest), requests per process from BENCH_RUNS (default 5).
// BENCH_LATENCY_MS: a pause before each DynamoDB call, for the round trip to AWS dynalite does not have.

import { fileURLToPath } from "node:url";
import { emptyEvidenceTally, sha256Hex } from "@stock-patterns/core";
import { startEmulators } from "../test/emulators";
import { TEST_KEYS } from "../test/keys";
import { median, printedBy } from "./process-run";

const COUNTS = (process.env.BENCH_SERIES ?? "2000,8000").split(",").map(Number);
const SNAPSHOTS = Number(process.env.BENCH_SNAPSHOTS ?? 4);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RUNNER = fileURLToPath(new URL("../test/stats-process.ts", import.meta.url));
const INTERVAL = "1m";
const HOUR = 3_600_000;
/** The first snapshot's hour; series k's snapshots fall k minutes into each hour (k mod 60). */
const FIRST = Date.UTC(2026, 0, 5, 14);
/** Just before the newest snapshot's hour: each series' answer is its snapshot before the newest. */
const ASKED = new Date(FIRST + (SNAPSHOTS - 1) * HOUR - 1).toISOString();

Object.assign(process.env, {
  POWERTOOLS_LOG_LEVEL: "SILENT",
  POWERTOOLS_METRICS_DISABLED: "true",
  POWERTOOLS_TRACE_ENABLED: "false",
  SST_RESOURCE_ApiKeys: JSON.stringify({
    value: JSON.stringify([{ name: "rita", role: "reader", sha256: sha256Hex(TEST_KEYS.reader) }]),
  }),
});
const aws = await startEmulators();
Object.assign(process.env, aws.env);
const { saveSeriesList, saveSeriesSnapshot } = await import("../src/evidence/repository");
const { mapLimit } = await import("#util");
const { heldWindows } = await import("../test/windows");

const symbolOf = (n: number) => `SYM${String(n).padStart(5, "0")}`;

/** Series `from` to `to - 1`, SNAPSHOTS snapshots each, an hour of bar time apart. */
async function seedSeries(from: number, to: number): Promise<void> {
  const windows = heldWindows();
  const writes = [];
  for (let n = from; n < to; n++) for (let k = 0; k < SNAPSHOTS; k++) writes.push({ n, k });
  await mapLimit(writes, 32, async ({ n, k }) => {
    const tally = windows[(n + k) % windows.length]?.outcomes?.evidence ?? emptyEvidenceTally();
    const barTime = new Date(FIRST + k * HOUR + (n % 60) * 60_000).toISOString();
    await saveSeriesSnapshot(symbolOf(n), INTERVAL, barTime, tally);
  });
}

/** The request asked RUNS times in a process of its own; each run's report. */
function statsRuns(): Promise<Record<string, unknown>[]> {
  const path = `/stats?interval=${INTERVAL}&asOf=${ASKED}`;
  return printedBy("stats run", RUNNER, { args: [path, String(RUNS)] });
}

let seeded = 0;
try {
  for (const count of COUNTS) {
    const seedStart = performance.now();
    await seedSeries(seeded, count);
    seeded = count;
    await saveSeriesList(
      INTERVAL,
      Array.from({ length: count }, (_, n) => symbolOf(n)),
    );
    const seedMs = Math.round(performance.now() - seedStart);
    const runs = await statsRuns();
    const warm = runs.slice(1);
    const last = runs.at(-1) ?? {};
    process.stdout.write(
      `${JSON.stringify({
        series: count,
        snapshotsPerSeries: SNAPSHOTS,
        seedMs,
        status: last.status,
        answered: last.series,
        pooledFrom: last.pooledFrom,
        calls: last.calls,
        mostQueriesInFlight: last.mostQueriesInFlight,
        readUnits: last.readUnits,
        ms: runs.map((run) => Math.round(run.ms as number)),
        cpuMs: runs.map((run) => Math.round(run.cpuMs as number)),
        warmMedianMs: Math.round(median(warm.map((run) => run.ms as number))),
        warmMedianCpuMs: Math.round(median(warm.map((run) => run.cpuMs as number))),
      })}\n`,
    );
  }
} finally {
  await aws.stop();
}
