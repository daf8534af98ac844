// Deterministic ids: the same detection or alert always gets the same id, so replays write nothing new.
// Times enter an id as the instant they name, never as written: a resend that spells its bars' times
// otherwise (a date or its datetime, epoch seconds or milliseconds, another offset) is the same bars.

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { sortableTime } from "../series/sortable-time";
import type { Detection } from "../types";

/** The parts of a detection its ids are made from. */
export type DetectionIdentity = Pick<Detection, "pattern" | "end" | "detectedAt">;

/**
 * The SHA-256 (hex) of a text's UTF-8 bytes: only hashes of secrets (approval tokens, API keys) are
 * stored. A pure implementation (`@noble/hashes`), so core stays free of `node:crypto`; it gives the
 * same digest as `createHash("sha256")`, so ids and hashes stored before the move still match.
 *
 * @example
 * sha256Hex("abc") // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

function digest(parts: readonly (string | number)[]): string {
  return sha256Hex(JSON.stringify(parts)).slice(0, 32);
}

/**
 * The shape of every detection id this code makes (patternId, textPatternId): `pat_` and the 32 lower-case
 * hexadecimal digits of a digest. A cursor holding another is none the API issued.
 *
 * @example
 * PATTERN_ID.test("pat_e03c02f000602b5b681b96658b35f973") // true
 */
export const PATTERN_ID = /^pat_[0-9a-f]{32}$/;

/**
 * The shape of every alert id this code makes (patternAlertId, thresholdAlertId and their text forms):
 * `alr_` and the 32 lower-case hexadecimal digits of a digest.
 *
 * @example
 * ALERT_ID.test("alr_bf6e49686bd725136fd678e0380ac463") // true
 */
export const ALERT_ID = /^alr_[0-9a-f]{32}$/;

/**
 * A bar time as an id holds it: its instant in ISO UTC (sortableTime, the form sort keys already use).
 * An id made from a time written so before is unchanged; one made from another spelling is not (docs/api.md).
 */
const instantOf = (time: string): string => sortableTime(time) ?? time;

/**
 * The id of a stored detection: a hash of symbol, interval, pattern, and the instants of end and detectedAt.
 *
 * @example
 * patternId("AAPL", "1d", detection) // "pat_3f2a…"
 */
export function patternId(symbol: string, interval: string, detection: DetectionIdentity): string {
  const { pattern, end, detectedAt } = detection;
  return `pat_${digest([symbol, interval, pattern, instantOf(end), instantOf(detectedAt)])}`;
}

/**
 * The id of the alert raised for a detection (same inputs as its pattern id, another namespace).
 *
 * @example
 * patternAlertId("AAPL", "1d", detection) // "alr_…"
 */
export function patternAlertId(symbol: string, interval: string, detection: DetectionIdentity): string {
  const { pattern, end, detectedAt } = detection;
  return `alr_${digest(["pattern", symbol, interval, pattern, instantOf(end), instantOf(detectedAt)])}`;
}

/** Whether a detection's times are written as their instants' ISO UTC form: its text ids are its ids. */
const writtenAsInstants = ({ end, detectedAt }: DetectionIdentity): boolean =>
  end === instantOf(end) && detectedAt === instantOf(detectedAt);

/**
 * The digest of `parts` and a detection's code and times as written, which releases before 04e93d9 made its
 * ids of; undefined when its times are written as their instants (its ids are the same).
 */
function textDigest(parts: readonly string[], detection: DetectionIdentity): string | undefined {
  if (writtenAsInstants(detection)) return undefined;
  const { pattern, end, detectedAt } = detection;
  return digest([...parts, pattern, end, detectedAt]);
}

/**
 * The id a detection had when ids were made of the times' text (releases before 04e93d9), or undefined
 * where that text is the instant's ISO UTC form (the id is the same). Detections those releases stored
 * keep that id: a writer looks it up too, so they are not stored (and listed) a second time.
 *
 * @example
 * textPatternId("AAPL", "1d", { pattern: "DTOP", end: "2024-02-27", detectedAt: "2024-03-04" }) // "pat_…"
 */
export function textPatternId(
  symbol: string,
  interval: string,
  detection: DetectionIdentity,
): string | undefined {
  const text = textDigest([symbol, interval], detection);
  return text && `pat_${text}`;
}

/**
 * The id a detection's alert had when ids were made of the times' text (releases before 04e93d9), or
 * undefined where that text is the instant's ISO UTC form (the id is the same). Alerts those releases
 * stored keep that id: a raiser looks it up too, so their detections are not alerted a second time.
 *
 * @example
 * textPatternAlertId("AAPL", "1d", { pattern: "DTOP", end: "2024-02-27", detectedAt: "2024-03-04" }) // "alr_…"
 */
export function textPatternAlertId(
  symbol: string,
  interval: string,
  detection: DetectionIdentity,
): string | undefined {
  const text = textDigest(["pattern", symbol, interval], detection);
  return text && `alr_${text}`;
}

/**
 * The id a threshold alert had when ids were made of the bar time's text (releases before 04e93d9), or
 * undefined where that text is the instant's ISO UTC form (the id is the same); see textPatternAlertId.
 *
 * @example
 * textThresholdAlertId("MSFT", "1d", "priceMove", "2024-01-02") // "alr_…"
 */
export function textThresholdAlertId(
  symbol: string,
  interval: string,
  rule: string,
  barTime: string,
): string | undefined {
  if (barTime === instantOf(barTime)) return undefined;
  return `alr_${digest(["threshold", symbol, interval, rule, barTime])}`;
}

/**
 * The id of one lifecycle event of an alert (the same for every send of it, so subscribers can dedupe).
 *
 * @example
 * lifecycleEventId("alr_…", "breakout") // "lce_…"
 */
export function lifecycleEventId(alertId: string, event: string): string {
  return `lce_${digest([alertId, event])}`;
}

/**
 * The id of an alert a message brought under an id of another shape: a CloudWatch alarm's, which
 * EventBridge's input template (infra/schedule.ts) writes as `alarm-<name>-<time>`. ALERT_ID's shape, which
 * the API's cursors and paths take; the same for the same given id, so a delivery repeated is one alert.
 *
 * @example
 * givenAlertId("alarm-stock-patterns-production--Api-errors-2026-01-02T03:04:05Z") // "alr_…"
 */
export function givenAlertId(given: string): string {
  return `alr_${digest(["given", given])}`;
}

/**
 * The id of a threshold alert: one per symbol, interval, rule and bar (by its instant).
 *
 * @example
 * thresholdAlertId("MSFT", "1h", "volumeSpike", "2024-01-02T00:00:00.000Z") // "alr_…"
 */
export function thresholdAlertId(symbol: string, interval: string, rule: string, barTime: string): string {
  return `alr_${digest(["threshold", symbol, interval, rule, instantOf(barTime)])}`;
}
