// How long a settled detection is kept (RECORD_RETENTION_DAYS), read from the environment infra and
// `npm start` set; unset, every detection is kept.

import { RECORD_RETENTION, recordRetentionDays } from "@stock-patterns/core/catalog";

/**
 * The days a detection is kept once settled, or undefined to keep it; throws the setting's error for a
 * value core refuses (infra and `npm start` refuse it before any function runs).
 *
 * @example
 * detectionRetentionDays({ RECORD_RETENTION_DAYS: "90" }) // 90
 */
export function detectionRetentionDays(
  env: Record<string, string | undefined> = process.env,
): number | undefined {
  return recordRetentionDays(env[RECORD_RETENTION.variable]);
}
