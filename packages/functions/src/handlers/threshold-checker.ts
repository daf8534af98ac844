// ThresholdChecker: every 5 minutes (EventBridge), recent bars against thresholds from the environment,
// and the sweep that finishes whatever a crash left stranded (recovery/sweep.ts).

import { thresholdsFromEnv } from "@stock-patterns/core";
import type { Context, ScheduledEvent } from "aws-lambda";
import { logger, withFunctionLogger } from "../observability/logger";
import { count, publishMetrics } from "../observability/metrics";
import { type SweepResult, sweepStranded } from "../recovery/sweep";
import { checkThresholds } from "../thresholds/check";

/** What one scheduled run did. */
export interface ScheduledRun {
  raised: number;
  repeated: number;
  sweep: SweepResult;
}

async function thresholds(): Promise<{ raised: number; repeated: number }> {
  const thresholds = thresholdsFromEnv(process.env);
  const alerts = await checkThresholds(thresholds);
  const raised = alerts.filter((a) => a.created).length;
  count("ThresholdAlerts", raised);
  logger.info("Thresholds checked", { thresholds, raised, repeated: alerts.length - raised });
  return { raised, repeated: alerts.length - raised };
}

async function sweep(): Promise<SweepResult> {
  const result = await sweepStranded();
  count("StrandedAlertsRedriven", result.redriven);
  count("StrandedApprovalsExpired", result.expired);
  logger.info("Stranded work swept", { ...result });
  return result;
}

/**
 * Lambda entry for the schedule: the threshold check and the sweep, each run even when the other
 * fails (the run then fails, so the failure shows in the function's errors).
 *
 * @example
 * await handler(scheduledEvent, context) // { raised: 2, repeated: 0, sweep: { redriven: 0, … } }
 */
export function handler(
  _event: ScheduledEvent | Record<string, unknown>,
  context?: Context,
): Promise<ScheduledRun> {
  return withFunctionLogger("ThresholdChecker", context, async () => {
    try {
      const [checked, swept] = await Promise.allSettled([thresholds(), sweep()]);
      if (checked.status === "rejected") throw checked.reason;
      if (swept.status === "rejected") throw swept.reason;
      return { ...checked.value, sweep: swept.value };
    } finally {
      publishMetrics();
    }
  });
}

/**
 * The sweep alone, as this function runs it: what the local system does once when it starts, so what
 * a previous run left stranded is finished without waiting for the schedule.
 *
 * @example
 * await sweepHandler({}, context) // { redriven: 3, settled: 0, published: 0, expired: 0, failed: 0 }
 */
export function sweepHandler(_event: unknown, context?: Context): Promise<SweepResult> {
  return withFunctionLogger("ThresholdChecker", context, async () => {
    try {
      return await sweep();
    } finally {
      publishMetrics();
    }
  });
}
