// How long each stage keeps a detection once its outcome is settled, in one place: RECORD_RETENTION_DAYS
// for the functions that store detections, checked against core's least value when the app is
// synthesized, so a deploy with a retention that could delete what work in flight still reads stops before
// anything is created. A stage not named keeps every detection, as before.
import { RECORD_RETENTION, recordRetentionDays } from "@stock-patterns/core/catalog";

/**
 * Days a stage keeps a detection after the write that settled it (core's RECORD_RETENTION: at least
 * `minimumDays`); TTL deletes it some days after that. Add a stage here to give it a retention, e.g.
 * `production: 365`. Kept in the code rather than read from a deploy's environment: a deploy run without
 * the variable would otherwise drop the retention unnoticed.
 */
export const RECORD_RETENTION_DAYS: Readonly<Record<string, number>> = {};

/**
 * The environment the detection writers (KinesisConsumer, PatternDetector) get for `stage`: its
 * RECORD_RETENTION_DAYS, or nothing to keep every detection. Throws, naming the stage, for a retention
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
