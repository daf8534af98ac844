// How long a settled detection or a finished alert is kept (RECORD_RETENTION_DAYS), read from the
// environment infra and `npm start` set; unset, every one is kept.

import { RECORD_RETENTION, recordRetentionDays } from "@stock-patterns/core/catalog";

/**
 * The days a detection is kept once settled and an alert once finished, or undefined to keep them;
 * throws the setting's error for a value core refuses (infra and `npm start` refuse it before any function
 * runs).
 *
 * @example
 * retentionDaysOfStage({ RECORD_RETENTION_DAYS: "90" }) // 90
 */
export function retentionDaysOfStage(
  env: Record<string, string | undefined> = process.env,
): number | undefined {
  return recordRetentionDays(env[RECORD_RETENTION.variable]);
}
