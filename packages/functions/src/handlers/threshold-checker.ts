// ThresholdChecker: every 5 minutes (EventBridge), recent bars against thresholds from the environment.

import { thresholdsFromEnv } from "@stock-patterns/core";
import type { Context, ScheduledEvent } from "aws-lambda";
import { logger, withFunctionLogger } from "../observability/logger";
import { count, publishMetrics } from "../observability/metrics";
import { checkThresholds } from "../thresholds/check";

/**
 * Lambda entry for the schedule; answers how many alerts were raised (new) and seen again.
 *
 * @example
 * await handler(scheduledEvent, context) // { raised: 2, repeated: 0 }
 */
export function handler(
  _event: ScheduledEvent | Record<string, unknown>,
  context?: Context,
): Promise<{ raised: number; repeated: number }> {
  return withFunctionLogger("ThresholdChecker", context, checkAll);
}

async function checkAll(): Promise<{ raised: number; repeated: number }> {
  try {
    const thresholds = thresholdsFromEnv(process.env);
    const alerts = await checkThresholds(thresholds);
    const raised = alerts.filter((a) => a.created).length;
    count("ThresholdAlerts", raised);
    logger.info("Thresholds checked", { thresholds, raised, repeated: alerts.length - raised });
    return { raised, repeated: alerts.length - raised };
  } finally {
    publishMetrics();
  }
}
