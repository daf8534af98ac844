// PatternDetector: the workflows' task states, dispatched by the event's `action`.

import type { Context } from "aws-lambda";
import { logger, publishMetrics, withFunctionLogger } from "#observability";
import {
  decide,
  detect,
  InvalidWorkflowInput,
  manualReview,
  score,
  tuneCleanUp,
  tuneInitialize,
  tuneMeasure,
  tunePublishVersion,
  tuneSelect,
  validate,
} from "#workflow";

/** Every action a task state may ask for. */
export const ACTIONS = {
  validate,
  detect,
  score,
  decide,
  manualReview,
  tuneInitialize,
  tunePublishVersion,
  tuneCleanUp,
  tuneMeasure,
  tuneSelect,
} as const;

export type Action = keyof typeof ACTIONS;

/**
 * Lambda entry for every PatternDetector task: `{ action, ...parameters }` in, the action's result out.
 * An unknown action or bad parameters throw `InvalidWorkflowInput`, which the workflow does not retry.
 *
 * @example
 * await handler({ action: "validate", symbol: "AAPL", interval: "1d", bars }, context)
 */
export function handler(event: unknown, context?: Context): Promise<unknown> {
  return withFunctionLogger("PatternDetector", context, () => runAction(event, context));
}

async function runAction(event: unknown, context: Context | undefined): Promise<unknown> {
  const action = (event as { action?: unknown } | null)?.action;
  if (typeof action !== "string" || !Object.hasOwn(ACTIONS, action)) {
    throw new InvalidWorkflowInput(`action must be one of ${Object.keys(ACTIONS).join(", ")}`);
  }
  logger.appendKeys({ action });
  try {
    return await ACTIONS[action as Action](event, context);
  } catch (error) {
    logger.warn("Workflow task failed", { error: error as Error });
    throw error;
  } finally {
    logger.removeKeys(["action"]);
    publishMetrics();
  }
}
