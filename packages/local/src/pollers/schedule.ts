// The EventBridge schedule: invokes a function every few minutes with a scheduled-event payload.

import { randomUUID } from "node:crypto";
import { type LambdaHandler, LOCAL_ACCOUNT, LOCAL_REGION, lambdaContext } from "@stock-patterns/emulators";
import type { ScheduledEvent } from "aws-lambda";
import type { Poller, PollerReport } from "./poller";

/** The event EventBridge sends for one firing of the rule `ruleName`. */
export function scheduledEvent(ruleName: string, at = new Date()): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: LOCAL_ACCOUNT,
    time: `${at.toISOString().slice(0, 19)}Z`,
    region: LOCAL_REGION,
    resources: [`arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${ruleName}`],
    detail: {},
  };
}

/** Settings of the schedule; the period comes from the catalog's EVENT_SOURCES. */
export interface ScheduleOptions {
  ruleName: string;
  functionName: string;
  handler: LambdaHandler;
  periodMs: number;
  report(report: PollerReport): void;
}

/** A running schedule that can also be fired on demand. */
export interface Schedule extends Poller {
  /** Invoke the function now, as one firing of the rule would (waits for it to finish). */
  fire(): Promise<void>;
}

/**
 * Fire every `periodMs` (the first firing one period after the start, as a new rate rule does).
 * A firing that finds the previous one still running waits for it instead of overlapping.
 *
 * @example
 * const schedule = startSchedule({ ruleName: "ThresholdCheck", functionName: "ThresholdChecker", handler, periodMs });
 */
export function startSchedule(options: ScheduleOptions): Schedule {
  let running: Promise<void> = Promise.resolve();
  const fire = () => {
    running = running.then(async () => {
      try {
        await options.handler(scheduledEvent(options.ruleName), lambdaContext(options.functionName));
      } catch (error) {
        options.report({
          source: `schedule:${options.ruleName}`,
          functionName: options.functionName,
          message: `the scheduled run failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    });
    return running;
  };
  const timer = setInterval(fire, options.periodMs);
  return {
    fire,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
