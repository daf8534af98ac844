// The ThresholdChecker's thresholds: defaults, the environment variables that carry them to the deployed
// function (so they change without a code release), and the one schema that reads them back.

import * as z from "zod";

/** Price move, volume spike and the confidence a recent detection needs to confirm a breach. */
export interface Thresholds {
  /** Absolute close-to-close move, percent. */
  priceMovePct: number;
  /** Newest volume over the mean of the window's earlier volumes. */
  volumeSpikeRatio: number;
  /** A detection at least this confident, inside the window, raises a breach to HIGH. */
  minConfidence: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = {
  priceMovePct: 5,
  volumeSpikeRatio: 3,
  minConfidence: 75,
};

/** The environment variable that carries each threshold. */
export const THRESHOLD_VARIABLES = {
  priceMovePct: "THRESHOLD_PRICE_MOVE_PCT",
  volumeSpikeRatio: "THRESHOLD_VOLUME_SPIKE_RATIO",
  minConfidence: "THRESHOLD_MIN_CONFIDENCE",
} as const satisfies Record<keyof Thresholds, string>;

const number = (min: number, max: number) => z.coerce.number().finite().min(min).max(max);

/** What each threshold may be. */
export const thresholdsSchema = z.object({
  priceMovePct: number(0.01, 100),
  volumeSpikeRatio: number(1, 1000),
  minConfidence: number(0, 100),
});

/**
 * The environment that deploys these thresholds (infra sets it on the ThresholdChecker).
 *
 * @example
 * thresholdsEnvironment(DEFAULT_THRESHOLDS).THRESHOLD_MIN_CONFIDENCE // "75"
 */
export function thresholdsEnvironment(thresholds: Thresholds): Record<string, string> {
  const checked = thresholdsSchema.parse(thresholds);
  return Object.fromEntries(
    Object.entries(THRESHOLD_VARIABLES).map(([key, variable]) => [
      variable,
      String(checked[key as keyof Thresholds]),
    ]),
  );
}

/**
 * Thresholds from THRESHOLD_PRICE_MOVE_PCT, THRESHOLD_VOLUME_SPIKE_RATIO and THRESHOLD_MIN_CONFIDENCE
 * (defaults where unset); throws an Error naming the variable when a value is not acceptable.
 *
 * @example
 * thresholdsFromEnv({ THRESHOLD_PRICE_MOVE_PCT: "4" }).priceMovePct // 4
 */
export function thresholdsFromEnv(env: Record<string, string | undefined>): Thresholds {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const [key, variable] of Object.entries(THRESHOLD_VARIABLES) as [keyof Thresholds, string][]) {
    const value = env[variable]?.trim();
    if (!value) continue;
    const parsed = thresholdsSchema.shape[key].safeParse(value);
    if (!parsed.success) throw new Error(`${variable}: ${parsed.error.issues[0]?.message}`);
    thresholds[key] = parsed.data;
  }
  return thresholds;
}
