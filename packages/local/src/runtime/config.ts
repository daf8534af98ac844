// What the parent process tells the functions' runtime process, and what they say to each other.

import type { QueueName } from "@stock-patterns/core/catalog";
import type { MessagingResources, QueueResource, StreamResource } from "@stock-patterns/emulators";
import { recoveryTiming } from "@stock-patterns/functions/src/config/recovery";
import type { PollerReport } from "../pollers/poller";
import type { FiringOutcome } from "../pollers/schedule";

/** Environment variable carrying the runtime's configuration (JSON) to the child process. */
export const RUNTIME_CONFIG_VARIABLE = "STOCK_PATTERNS_LOCAL_RUNTIME";

/** Timing of the local event sources. Defaults are the deployed settings; tests shorten them. */
export interface PollerTiming {
  /** Kinesis MaximumBatchingWindow in ms (default: the catalog's, 5 s). */
  kinesisBatchingWindowMs?: number;
  /** Pause of a shard reader that found nothing new, in ms (default 1000, Lambda's poll rate). */
  kinesisIdleWaitMs?: number;
  /** Long-poll wait of the SQS pollers, in seconds (default 20, as Lambda). */
  sqsWaitSeconds?: number;
  /** Period of the threshold-check schedule (and its sweep) in ms (default: the catalog's, 5 minutes). */
  schedulePeriodMs?: number;
  /**
   * The functions' recovery timings in seconds (SWEEP_GRACE_SECONDS, ALERT_CLAIM_LEASE_SECONDS,
   * APPROVAL_TTL_SECONDS; defaults: the deployed 600, 120 and 3600), so tests see the sweep work.
   */
  sweepGraceSeconds?: number;
  claimLeaseSeconds?: number;
  approvalTtlSeconds?: number;
}

/**
 * The event sources' timing the tests and the killed-system driver run a local system with: a batch waits
 * 200 ms, an idle shard reader 100 ms and a queue's long poll 1 s, so a record is processed within a second.
 */
export const QUICK_POLLING: Readonly<PollerTiming> = {
  kinesisBatchingWindowMs: 200,
  kinesisIdleWaitMs: 100,
  sqsWaitSeconds: 1,
};

/** The functions' environment variables that carry PollerTiming's recovery timings. */
export const RECOVERY_VARIABLES = {
  sweepGraceSeconds: "SWEEP_GRACE_SECONDS",
  claimLeaseSeconds: "ALERT_CLAIM_LEASE_SECONDS",
  approvalTtlSeconds: "APPROVAL_TTL_SECONDS",
} as const satisfies Partial<Record<keyof PollerTiming, string>>;

/**
 * Throws an Error naming the first recovery timing the functions would refuse (they take whole seconds from
 * 1 to 30 days, and throw on every run otherwise: a system given one would never empty its queues).
 *
 * @example
 * checkRecoveryTiming({ sweepGraceSeconds: 0 }) // Error: sweepGraceSeconds (SWEEP_GRACE_SECONDS): Too small: …
 */
export function checkRecoveryTiming(timing: PollerTiming): void {
  for (const [variable, value] of Object.entries(recoveryEnvironment(timing))) {
    try {
      recoveryTiming({ [variable]: value });
    } catch (error) {
      const field = Object.entries(RECOVERY_VARIABLES).find(([, name]) => name === variable)?.[0];
      const reason = (error as Error).message.replace(`${variable}: `, "");
      throw new Error(`${field} (${variable}): ${reason}, given ${value}`);
    }
  }
}

/**
 * PollerTiming's recovery timings as the functions read them: their environment variables, given ones only.
 *
 * @example
 * recoveryEnvironment({ sweepGraceSeconds: 5 }) // { SWEEP_GRACE_SECONDS: "5" }
 */
export function recoveryEnvironment(timing: PollerTiming): Record<string, string> {
  return Object.fromEntries(
    Object.entries(RECOVERY_VARIABLES).flatMap(([field, variable]) => {
      const seconds = timing[field as keyof typeof RECOVERY_VARIABLES];
      return seconds === undefined ? [] : [[variable, String(seconds)]];
    }),
  );
}

/** The runtime process's configuration. */
export interface RuntimeConfig {
  /** Port of the API and console (0: any free port). */
  apiPort: number;
  consoleDir: string;
  endpoints: { kinesis: string; sqs: string };
  stream: StreamResource;
  queues: Record<QueueName, QueueResource>;
  /** The set-aside queues; the KinesisConsumer mapping's on-failure destination is one of them. */
  setAsideQueues: MessagingResources["setAsideQueues"];
  stateMachine: { name: string; arn: string };
  /** ARN the workflow's tasks name; bound to the local PatternDetector. */
  patternDetectorArn: string;
  /** Port of the Step Functions endpoint (0 or absent: any free port; a restart keeps the first one). */
  stepFunctionsPort?: number;
  /** File keeping the Kinesis checkpoints (with a data directory), else in memory. */
  checkpointFile?: string;
  /** Positions already processed (a restarted runtime resumes there instead of at the oldest record). */
  checkpoints?: Record<string, string>;
  /**
   * The queues were just made, empty (a system starting, not a runtime restarted): no message of an
   * earlier run is on its way, so the sweep at start takes whatever is unfinished as stranded now,
   * without the grace.
   */
  freshQueues?: boolean;
  timing: PollerTiming;
}

/** Messages from the runtime process. */
export type RuntimeMessage =
  | { type: "ready"; apiUrl: string; stepFunctionsEndpoint: string }
  | { type: "report"; report: PollerReport }
  | { type: "checkpoint"; shardId: string; sequenceNumber: string }
  | { type: "fired"; outcome: FiringOutcome }
  | { type: "failed"; message: string; listen?: ListenFailure };

/** A server of the runtime that could not listen: Node's error code (EADDRINUSE, EACCES, ...) and where. */
export interface ListenFailure {
  code: string;
  address: string;
  port: number;
}

/** Messages to the runtime process. */
export type ParentMessage = { type: "stop" } | { type: "fire-schedule" };
