// How long the system waits before it treats work as stranded, read from the environment so tests (and
// an operator) can shorten it; the defaults are the deployed settings.

import {
  APPROVAL_TTL_SECONDS,
  RECOVERY_TIMING_MAX_SECONDS,
  SWEEP_GRACE_SECONDS,
} from "@stock-patterns/core/catalog";
import * as z from "zod";

/** The recovery timings, in seconds. */
export interface RecoveryTiming {
  /**
   * How long an alert may sit QUEUED (or claimed for approval, unannounced) before the sweep re-drives
   * it, and how long after its expiry an approval may stay PENDING before the sweep expires it. Longer
   * than AlertQueue's visibility timeout (300 s), so a message that failed once comes back by itself
   * before the sweep steps in.
   */
  graceSeconds: number;
  /** How far back the sweep looks for stranded alerts (by createdAt). */
  lookbackSeconds: number;
  /**
   * How long a routing claim holds. Longer than the AlertProcessor's timeout, so a claim is only taken
   * over from a processor that has certainly stopped.
   */
  claimLeaseSeconds: number;
  /** How long an approval request can be decided. */
  approvalTtlSeconds: number;
}

export const DEFAULT_RECOVERY_TIMING: Readonly<RecoveryTiming> = {
  graceSeconds: SWEEP_GRACE_SECONDS,
  lookbackSeconds: 86_400,
  claimLeaseSeconds: 120,
  approvalTtlSeconds: APPROVAL_TTL_SECONDS,
};

const seconds = z
  .string()
  .regex(/^\d+$/, "must be a whole number of seconds in decimal digits")
  .transform(Number)
  .pipe(z.number().min(1).max(RECOVERY_TIMING_MAX_SECONDS));

const VARIABLES = {
  SWEEP_GRACE_SECONDS: "graceSeconds",
  SWEEP_LOOKBACK_SECONDS: "lookbackSeconds",
  ALERT_CLAIM_LEASE_SECONDS: "claimLeaseSeconds",
  APPROVAL_TTL_SECONDS: "approvalTtlSeconds",
} as const satisfies Record<string, keyof RecoveryTiming>;

/**
 * The timings from SWEEP_GRACE_SECONDS, SWEEP_LOOKBACK_SECONDS, ALERT_CLAIM_LEASE_SECONDS and
 * APPROVAL_TTL_SECONDS (defaults where unset); throws an Error naming a variable whose value is not a
 * whole number of seconds from 1 to 30 days.
 *
 * @example
 * recoveryTiming({ SWEEP_GRACE_SECONDS: "5" }).graceSeconds // 5
 */
export function recoveryTiming(env: Record<string, string | undefined> = process.env): RecoveryTiming {
  const timing: RecoveryTiming = { ...DEFAULT_RECOVERY_TIMING };
  for (const [variable, field] of Object.entries(VARIABLES)) {
    const raw = env[variable]?.trim();
    if (!raw) continue;
    const parsed = seconds.safeParse(raw);
    if (!parsed.success) throw new Error(`${variable}: ${parsed.error.issues[0]?.message}`);
    timing[field] = parsed.data;
  }
  return timing;
}
