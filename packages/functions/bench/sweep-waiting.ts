// `npm run bench:sweep-waiting`: a sweep run with N CRITICAL alerts waiting for an approver (each requested
// half an hour before, inside its hour, past the grace), in dynalite, each run a process of its own with the
// ThresholdChecker's memory as its heap limit: its DynamoDB calls, the batch reads in flight at once, wall
// time and peak heap, for docs/capacity.md ("Every read, as the tables fill"). N from BENCH_WAITING (default
// 2000,10000), runs per N from BENCH_RUNS (default 5), the heap from BENCH_HEAP_MB (default 256).
// BENCH_COMPARE: another checkout of the project (a git worktree of an earlier commit, its node_modules
// copied), whose sweep runs alternately with this one's over the same tables, so a shared machine's load
// falls on both alike; a row each. BENCH_LATENCY_MS: a pause before each DynamoDB call (test/sweep-process.ts),
// for the round trip to AWS that dynalite on this machine does not have.

import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulators } from "../test/emulators";
import { median, printedBy } from "./process-run";

const COUNTS = (process.env.BENCH_WAITING ?? "2000,10000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 256);
const RUNNER = fileURLToPath(new URL("../test/sweep-process.ts", import.meta.url));
const COMPARE = process.env.BENCH_COMPARE;
/** The other checkout's sweep runner; a path not absolute is read from the project's root, where npm runs. */
const COMPARED = COMPARE && join(resolve(COMPARE), "packages/functions/test/sweep-process.ts");
if (COMPARED && !existsSync(COMPARED)) {
  console.error(
    `BENCH_COMPARE: no checkout of this project at ${resolve(COMPARE ?? "")} (its ${relative(resolve(COMPARE ?? ""), COMPARED)} is not there); give a git worktree's path, absolute or from ${process.cwd()}`,
  );
  process.exit(2);
}
const RUNNERS: Record<string, string> = {
  this: RUNNER,
  ...(COMPARE && COMPARED ? { [COMPARE]: COMPARED } : {}),
};

Object.assign(process.env, {
  POWERTOOLS_LOG_LEVEL: "SILENT",
  POWERTOOLS_METRICS_DISABLED: "true",
  APPROVAL_BASE_URL: "http://127.0.0.1:5173/",
});
const aws = await startEmulators();
Object.assign(process.env, aws.env);
const { putAlertIfNew } = await import("#alerts");
const { requestApproval } = await import("#approvals");
const { mapLimit } = await import("#util");
const { queuedAlert } = await import("../test/fixtures");

/** `count` more waiting alerts, requested half an hour ago (wall clock: the run sweeps at it). */
async function seedWaiting(count: number): Promise<void> {
  const requested = new Date(Date.now() - 30 * 60_000);
  const alerts = Array.from({ length: count }, () =>
    queuedAlert({ severity: "CRITICAL", createdAt: requested.toISOString() }),
  );
  await mapLimit(alerts, 32, async (alert) => {
    await putAlertIfNew(alert);
    if ((await requestApproval(alert, requested)) !== "requested") throw new Error("approval not requested");
  });
}

/** One sweep in a process of its own, from the sources beside `runner`; what it printed. */
function sweepRun(runner: string): Promise<Record<string, unknown>> {
  return printedBy("sweep run", runner, { flags: [`--max-old-space-size=${HEAP_MB}`, "--expose-gc"] });
}

let seeded = 0;
try {
  for (const count of COUNTS) {
    await seedWaiting(count - seeded);
    seeded = count;
    const runs: Record<string, Record<string, unknown>[]> = {};
    for (let run = 0; run < RUNS; run++)
      for (const [name, runner] of Object.entries(RUNNERS)) {
        runs[name] ??= [];
        runs[name].push(await sweepRun(runner));
      }
    for (const [name, done] of Object.entries(runs)) {
      const last = done.at(-1) ?? {};
      const medianOf = (field: string) => median(done.map((run) => run[field] as number));
      process.stdout.write(
        `${JSON.stringify({
          sources: name,
          waiting: count,
          calls: last.calls,
          mostBatchesInFlight: last.mostBatchesInFlight,
          answer: last.answer,
          ms: done.map((run) => Math.round(run.ms as number)),
          medianMs: Math.round(medianOf("ms")),
          peakHeapMB: Math.round(medianOf("peakHeapMB") * 10) / 10,
          baseHeapMB: Math.round(medianOf("baseHeapMB") * 10) / 10,
          peakRssMB: Math.round(medianOf("peakRssMB")),
        })}\n`,
      );
    }
  }
} finally {
  await aws.stop();
}
