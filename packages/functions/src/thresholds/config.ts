// The ThresholdChecker's thresholds, read from environment variables so they change without a code release.

import { z } from "zod";

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

const number = (min: number, max: number) => z.coerce.number().finite().min(min).max(max);

/**
 * Thresholds from THRESHOLD_PRICE_MOVE_PCT, THRESHOLD_VOLUME_SPIKE_RATIO and THRESHOLD_MIN_CONFIDENCE
 * (defaults where unset); throws an Error naming the variable when a value is not acceptable.
 *
 * @example
 * thresholdsFromEnv({ THRESHOLD_PRICE_MOVE_PCT: "4" }).priceMovePct // 4
 */
export function thresholdsFromEnv(env: Record<string, string | undefined> = process.env): Thresholds {
  const schema = z.object({
    THRESHOLD_PRICE_MOVE_PCT: number(0.01, 100).default(DEFAULT_THRESHOLDS.priceMovePct),
    THRESHOLD_VOLUME_SPIKE_RATIO: number(1, 1000).default(DEFAULT_THRESHOLDS.volumeSpikeRatio),
    THRESHOLD_MIN_CONFIDENCE: number(0, 100).default(DEFAULT_THRESHOLDS.minConfidence),
  });
  const present = Object.fromEntries(
    Object.keys(schema.shape).flatMap((key) => (env[key]?.trim() ? [[key, env[key]]] : [])),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join(".")}: ${issue.message}`);
  }
  return {
    priceMovePct: parsed.data.THRESHOLD_PRICE_MOVE_PCT,
    volumeSpikeRatio: parsed.data.THRESHOLD_VOLUME_SPIKE_RATIO,
    minConfidence: parsed.data.THRESHOLD_MIN_CONFIDENCE,
  };
}
