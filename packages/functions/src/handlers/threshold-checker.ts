// ThresholdChecker: every 5 minutes (EventBridge), recent bars against thresholds from the environment,
// the evidence pooled over every symbol of each interval (evidence/pool.ts), and the sweep that finishes
// whatever a crash left stranded (recovery/sweep.ts).

import { thresholdsFromEnv } from "@stock-patterns/core";
import type { Context, ScheduledEvent } from "aws-lambda";
import * as z from "zod";
import { recoveryTiming } from "#config";
import { EvidencePooling, type PoolResult, poolEvidence } from "#evidence";
import { count, logger, publishMetrics, withFunctionLogger } from "#observability";
import { noneSwept, type SweepResult, type SweepScope, sweepStranded } from "#recovery";
import { eachWindow } from "#stream";
import { checkWindow } from "#thresholds";

/** What one scheduled run did. */
export interface ScheduledRun {
  raised: number;
  repeated: number;
  sweep: SweepResult;
  /** Series whose evidence was pooled, per interval. */
  pooled: PoolResult;
}

/**
 * The thresholds against every window, and the evidence pooled from the same windows: one table scan,
 * each window checked and counted as its page is read, so a run holds a page of windows, not the table.
 */
async function windowsChecked(): Promise<{ raised: number; repeated: number; pooled: PoolResult }> {
  const thresholds = thresholdsFromEnv(process.env);
  const now = new Date();
  const pooling = new EvidencePooling();
  let raised = 0;
  let repeated = 0;
  for await (const window of eachWindow()) {
    for (const alert of await checkWindow(window, thresholds, now)) {
      if (alert.created) raised++;
      else repeated++;
    }
    pooling.add(window);
  }
  count("ThresholdAlerts", raised);
  logger.info("Thresholds checked", { thresholds, raised, repeated });
  const pooled = await pooling.save();
  logger.info("Evidence pooled", { pooled });
  return { raised, repeated, pooled };
}

/**
 * The sweep, its counts logged and counted. One that throws (a failed read) fails the run; what it did before
 * (re-drives, expiries: each made) is still counted, and logged with the error.
 */
async function sweep(timing = recoveryTiming(), scope: SweepScope = {}): Promise<SweepResult> {
  const result = noneSwept();
  try {
    await sweepStranded(new Date(), timing, scope, result);
  } catch (error) {
    logger.error("Stranded work swept in part", { ...result, error: error as Error });
    throw error;
  } finally {
    count("StrandedAlertsRedriven", result.redriven);
    count("StrandedApprovalsExpired", result.expired);
  }
  logger.info("Stranded work swept", { ...result });
  return result;
}

/**
 * Lambda entry for the schedule: the threshold check and the sweep, each run even when the other
 * fails (the run then fails, so the failure shows in the function's errors). An operator's invocation with
 * `{"unindexedAlerts": true}` (once, after the upgrade that made the unfinished index: docs/deploy.md) sweeps
 * the alerts stored before it too (SweepScope); the schedule's events never carry it.
 *
 * @example
 * await handler(scheduledEvent, context) // { raised: 2, repeated: 0, pooled: { "1d": 3 }, sweep: { … } }
 */
export function handler(
  event: ScheduledEvent | Record<string, unknown>,
  context?: Context,
): Promise<ScheduledRun> {
  const unindexed = (event as Record<string, unknown> | undefined)?.unindexedAlerts === true;
  return withFunctionLogger("ThresholdChecker", context, async () => {
    try {
      const [checked, swept] = await Promise.allSettled([
        windowsChecked(),
        sweep(recoveryTiming(), { unindexed }),
      ]);
      if (checked.status === "rejected") throw checked.reason;
      if (swept.status === "rejected") throw swept.reason;
      return { ...checked.value, sweep: swept.value };
    } finally {
      publishMetrics();
    }
  });
}

/**
 * The pooling alone, as this function runs it: what the local system does when it starts and once the
 * first stream batch is applied, so GET /stats without a symbol answers without waiting for the schedule.
 *
 * @example
 * await poolHandler({}, context) // { "1d": 1 }
 */
export function poolHandler(_event: unknown, context?: Context): Promise<PoolResult> {
  return withFunctionLogger("ThresholdChecker", context, async () => {
    const pooled = await poolEvidence(eachWindow());
    logger.info("Evidence pooled", { pooled });
    return pooled;
  });
}

// Compared with claim times as text: normalized to their toISOString form.
const instant = z.iso
  .datetime()
  .transform((iso) => new Date(iso).toISOString())
  .optional();

/**
 * A sweep run's event, for a caller that knows what the schedule cannot (see SweepScope). `runStartedAt`
 * (ISO): when the processors now running started on new, empty queues (the local system starting). Nothing
 * an earlier run sent can still arrive, so the grace is not waited out, and no claim taken before it has a
 * holder, so such a claim is released without waiting out its lease. `claimsOrphanedBefore` (ISO): that
 * last only (a local runtime restarted after it died, its queues kept).
 */
const sweepEventSchema = z.object({ runStartedAt: instant, claimsOrphanedBefore: instant });

/**
 * The sweep alone, as this function runs it: what the local system does once when it starts, so what
 * a previous run (or a runtime that died) left stranded is finished without waiting for the schedule.
 *
 * @example
 * await sweepHandler({ runStartedAt }, context) // { redriven: 3, settled: 0, published: 0, caughtUp: 0, expired: 0, failed: 0 }
 */
export function sweepHandler(event: unknown, context?: Context): Promise<SweepResult> {
  return withFunctionLogger("ThresholdChecker", context, async () => {
    try {
      const { runStartedAt, claimsOrphanedBefore } = sweepEventSchema.parse(event ?? {});
      const timing = recoveryTiming();
      return await sweep(runStartedAt === undefined ? timing : { ...timing, graceSeconds: 0 }, {
        runStartedAt,
        claimsOrphanedBefore,
      });
    } finally {
      publishMetrics();
    }
  });
}
