// The API's clock as the console reckons it. A countdown to an approval's expiry runs on the time of the
// server that decides the expiry, not on a browser clock set minutes off: the API refuses a decision once
// the approval has expired, whatever the page showed.
import { apiUrl, REQUEST_TIMEOUT_MS } from "./client";
import { apiBaseUrl } from "./config";

/** A skew smaller than this is left alone: one round trip cannot tell it from the network's delay. */
export const NOTICED_SKEW_MS = 2_000;

let offsetMs = 0;
let compared: Promise<void> | undefined;

/**
 * How far the server's clock is ahead of this one, in ms (negative: behind), from the time GET /health
 * answered against the middle of the round trip; 0 when within NOTICED_SKEW_MS or not a time.
 *
 * @example clockOffset("2026-12-06T10:10:00.000Z", Date.parse("2026-12-06T10:00:00.000Z"), Date.parse("2026-12-06T10:00:00.200Z")) // 599900
 */
export function clockOffset(serverTime: unknown, sentAt: number, receivedAt: number): number {
  const server = typeof serverTime === "string" ? Date.parse(serverTime) : Number.NaN;
  if (!Number.isFinite(server)) return 0;
  const offset = Math.round(server - (sentAt + receivedAt) / 2);
  return Math.abs(offset) < NOTICED_SKEW_MS ? 0 : offset;
}

/** Now on the server's clock, in ms since the epoch: this browser's until the clocks were compared. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

/**
 * Compares this browser's clock with the API's, once a page load (GET /health, which takes no key). A failed
 * comparison leaves the clock as it was, and the next call tries again.
 *
 * @example await compareClocks(); secondsLeft(approval.expiresAt, serverNow())
 */
export function compareClocks(baseUrl = apiBaseUrl()): Promise<void> {
  compared ??= (async () => {
    const sentAt = Date.now();
    const response = await fetch(apiUrl(baseUrl, "/health"), {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`GET /health answered ${response.status}`);
    const { time } = (await response.json()) as { time?: unknown };
    offsetMs = clockOffset(time, sentAt, Date.now());
  })().catch(() => {
    compared = undefined;
  });
  return compared;
}
