// Deterministic ids: the same detection or alert always gets the same id, so replays write nothing new.

import { createHash } from "node:crypto";
import type { Detection } from "@stock-patterns/core";

function digest(parts: readonly (string | number)[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}

/**
 * The id of a stored detection: a hash of symbol, interval, pattern, end and detectedAt.
 *
 * @example
 * patternId("AAPL", "1d", detection) // "pat_3f2a…"
 */
export function patternId(
  symbol: string,
  interval: string,
  detection: Pick<Detection, "pattern" | "end" | "detectedAt">,
): string {
  return `pat_${digest([symbol, interval, detection.pattern, detection.end, detection.detectedAt])}`;
}

/** The id of the alert raised for a detection (same inputs as its pattern id, another namespace). */
export function patternAlertId(
  symbol: string,
  interval: string,
  detection: Pick<Detection, "pattern" | "end" | "detectedAt">,
): string {
  return `alr_${digest(["pattern", symbol, interval, detection.pattern, detection.end, detection.detectedAt])}`;
}

/** The id of one lifecycle event of an alert (the same for every send of it, so subscribers can dedupe). */
export function lifecycleEventId(alertId: string, event: string): string {
  return `lce_${digest([alertId, event])}`;
}

/** The id of a threshold alert: one per symbol, interval, rule and bar. */
export function thresholdAlertId(symbol: string, interval: string, rule: string, barTime: string): string {
  return `alr_${digest(["threshold", symbol, interval, rule, barTime])}`;
}

/** The SHA-256 (hex) of a secret such as an approval token or an API key: only hashes are stored. */
export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
