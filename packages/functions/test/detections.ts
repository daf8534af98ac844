// Stored detections for lifecycle tests: a detection whose outcome has moved as far as a test needs, and
// the queued alert it raises.

import assert from "node:assert";
import type { Outcome } from "@stock-patterns/core";
import { type Alert, putAlertIfNew } from "#alerts";
import { recordOutcomes, savePatterns } from "#analysis";
import { queuedAlert } from "./fixtures";
import { RESOLVED_AT_TARGET } from "./outcomes";

/**
 * A DBOT detection of levels 90 to 110, detected at `detectedAt`, whose outcome has moved as far as
 * `outcome` says, as savePatterns takes it.
 *
 * @example
 * await savePatterns("CUR", "1d", [dbotDetection({}, "2024-03-02")], "stream");
 */
export function dbotDetection(outcome: Partial<Outcome> = {}, detectedAt = "2024-03-01") {
  return {
    pattern: "DBOT" as const,
    start: "2024-02-01",
    end: "2024-02-20",
    detectedAt,
    extrema: [],
    confidence: 82,
    outcome: {
      ceiling: 110,
      floor: 90,
      status: "open" as const,
      breakout: null,
      target: null,
      resolvedAt: null,
      returns: {},
      ...outcome,
    },
    outcomeAsOf: `${outcome.resolvedAt ?? outcome.breakout?.time ?? detectedAt}T00:00:00.000Z`,
  };
}

/**
 * Stores a DBOT detection of `symbol` (detected 2024-03-01, levels 90 to 110) whose outcome has moved as
 * far as `outcome` says; answers the queued alert it raises.
 *
 * @example
 * const alert = await storedDetection("LCP", { breakout: { time: "2024-03-12", direction: "up" } });
 */
export async function storedDetection(symbol: string, outcome: Partial<Outcome> = {}): Promise<Alert> {
  const detection = dbotDetection(outcome);
  const { patterns } = await savePatterns(symbol, "1d", [detection], "stream");
  const [pattern] = patterns;
  assert(pattern, "savePatterns answers the stored detection");
  return queuedAlert({
    symbol,
    pattern: "DBOT",
    patternId: pattern.patternId,
    barTime: detection.detectedAt,
  });
}

/**
 * `n` stored alerts of `symbol`'s DBOT detections (one a day from 1 February 2024, stored by `source`),
 * each detection already broken out and resolved at its target (RESOLVED_AT_TARGET): the stream saw both
 * before the alerts went out. `alert` gives each alert's own fields beyond its detection's.
 *
 * @example
 * const alerts = await resolvedAlerts("CUR", 10, "stream", { raisedBy: "stream" });
 */
export async function resolvedAlerts(
  symbol: string,
  n: number,
  source: "api" | "stream",
  alert: Partial<Alert> = {},
): Promise<Alert[]> {
  const detections = Array.from({ length: n }, (_, i) =>
    dbotDetection({}, `2024-02-${String(i + 1).padStart(2, "0")}`),
  );
  const { patterns } = await savePatterns(symbol, "1d", detections, source);
  const alerts = patterns.map(({ patternId, detectedAt }) =>
    queuedAlert({ symbol, pattern: "DBOT", patternId, barTime: detectedAt, ...alert }),
  );
  for (const stored of alerts) await putAlertIfNew(stored);
  await recordOutcomes(
    alerts.map(({ patternId, interval, barTime }) => ({
      patternId: patternId as string,
      interval,
      detectedAt: barTime,
      outcome: RESOLVED_AT_TARGET,
      asOf: "2024-03-20T00:00:00.000Z",
    })),
  );
  return alerts;
}
