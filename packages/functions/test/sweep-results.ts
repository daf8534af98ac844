// What the recovery sweep answers, as the tests expect it.

import type { SweepResult } from "#recovery";

/** A sweep run that found nothing to heal: every count 0. */
export const NOTHING_HEALED: SweepResult = {
  redriven: 0,
  settled: 0,
  published: 0,
  caughtUp: 0,
  expired: 0,
  failed: 0,
};
