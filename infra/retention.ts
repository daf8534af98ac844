// How long each stage keeps a detection once its outcome is settled, and an alert once it is finished, in
// one place: RECORD_RETENTION_DAYS for every function (infra/lambda.ts), checked against core's least value
// when the app is synthesized, so a deploy with a retention that could delete what work in flight still
// reads stops before anything is created. A stage not named keeps every detection and alert, as before.
import { RECORD_RETENTION, recordRetentionDays } from "@stock-patterns/core/catalog";

/**
 * Days a stage keeps a detection after the write that settled it, and an alert after the write that
 * finished it (core's RECORD_RETENTION: at least `minimumDays`); TTL deletes it some days after that. Add a stage here to give it a retention, e.g.
 * `production: 365`. Kept in the code rather than read from a deploy's environment: a deploy run without
 * the variable would otherwise drop the retention unnoticed.
 */
export const RECORD_RETENTION_DAYS: Readonly<Record<string, number>> = {};

/**
 * The environment every function gets for `stage`: its RECORD_RETENTION_DAYS, or nothing to keep every
 * detection and alert. Throws, naming the stage, for a retention
 * core refuses.
 *
 * @example
 * retentionEnvironment("production", { production: 365 }) // { RECORD_RETENTION_DAYS: "365" }
 * retentionEnvironment("alice", { production: 365 }) // {}
 */
export function retentionEnvironment(
  stage: string,
  settings: Readonly<Record<string, number>> = RECORD_RETENTION_DAYS,
): Record<string, string> {
  try {
    const days = recordRetentionDays(settings[stage]);
    return days === undefined ? {} : { [RECORD_RETENTION.variable]: String(days) };
  } catch (error) {
    throw new Error(`stage ${stage}: ${(error as Error).message} (infra/retention.ts)`);
  }
}
