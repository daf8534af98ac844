// The EventBridge schedule: invokes a function every few minutes with a scheduled-event payload.

import { randomUUID } from "node:crypto";
import { invokeFunction, type LambdaHandler, LOCAL_ACCOUNT, LOCAL_REGION } from "@stock-patterns/emulators";
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

/**
 * Waits before each retry of a failed event: EventBridge invokes the function asynchronously, and for such an
 * invocation Lambda runs a failed event twice more, one minute and then two minutes later (infra leaves
 * these defaults as they are): https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
export const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000] as const;

/** Settings of the schedule; the period comes from the catalog's EVENT_SOURCES. */
export interface ScheduleOptions {
  ruleName: string;
  functionName: string;
  handler: LambdaHandler;
  periodMs: number;
  report(report: PollerReport): void;
}

/** How one firing's run went: `failed` is reported, and retried as ASYNC_RETRY_DELAYS_MS says. */
export type FiringOutcome = "ran" | "failed";

/** A running schedule that can also be fired on demand. */
export interface Schedule extends Poller {
  /** Invoke the function now, as one firing of the rule would (waits for it to finish: its first try). */
  fire(): Promise<FiringOutcome>;
}

/**
 * Fire every `periodMs` (the first firing one period after the start, as a new rate rule does).
 * A firing that finds the previous one still running waits for it instead of overlapping. A failed
 * firing is retried with the same event, as Lambda retries an asynchronous invocation (ASYNC_RETRY_DELAYS_MS).
 *
 * @example
 * const schedule = startSchedule({ ruleName: "ThresholdCheck", functionName: "ThresholdChecker", handler, periodMs });
 */
export function startSchedule(options: ScheduleOptions): Schedule {
  let running: Promise<void> = Promise.resolve();
  const retries = new Set<NodeJS.Timeout>();
  const invoke = (event: ScheduledEvent, attempt: number): Promise<FiringOutcome> => {
    const run = running.then(async (): Promise<FiringOutcome> => {
      try {
        await invokeFunction(options, event);
        return "ran";
      } catch (error) {
        const delay = ASYNC_RETRY_DELAYS_MS[attempt];
        const next =
          delay === undefined ? "no retries left: the event is dropped" : `retried in ${delay / 1000} s`;
        options.report({
          source: `schedule:${options.ruleName}`,
          functionName: options.functionName,
          message: `the scheduled run failed: ${error instanceof Error ? error.message : String(error)} (${next})`,
        });
        if (delay !== undefined) {
          const retry = setTimeout(() => {
            retries.delete(retry);
            invoke(event, attempt + 1);
          }, delay);
          retries.add(retry);
        }
        return "failed";
      }
    });
    running = run.then(() => undefined);
    return run;
  };
  const fire = () => invoke(scheduledEvent(options.ruleName), 0);
  const timer = setInterval(fire, options.periodMs);
  return {
    fire,
    async stop() {
      clearInterval(timer);
      for (const retry of retries) clearTimeout(retry);
      await running;
    },
  };
}
