// Dates, confidence, prices, counts, shares and returns written the same way on every page.

import { instantValue, priceText } from "@stock-patterns/core";
import { intervalSpanMs } from "@stock-patterns/core/vocabulary";

/**
 * A timestamp or bar time as "2026-11-25 13:40 UTC"; a plain date stays a date; unparseable input is shown as
 * is. Read by core's instantValue, the rule that orders a series' times (epoch numbers below 1e11 are seconds,
 * a datetime without a zone is UTC), so the console shows the instant the engine ordered.
 * @example formatTime("2000-03-24") // "2000-03-24"
 */
export function formatTime(value: string | undefined): string {
  if (!value) return "—";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(instantValue(value));
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A day in milliseconds: bars of an interval this long or longer are written by their date alone. */
const DAY_MS = 86_400_000;

/**
 * Whether bars of `interval` are written by their date alone: a day or longer; false for an interval not read.
 * @example writtenAsDate("1d") // true
 * @example writtenAsDate("1h") // false
 */
export function writtenAsDate(interval: string): boolean {
  return (intervalSpanMs(interval) ?? 0) >= DAY_MS;
}

/**
 * A bar's time as every page writes it, by its series' interval: the UTC date for daily and longer bars,
 * whether it came as a date or as an ISO midnight (the outcome's asOf, the stream's bars: one day was
 * written two ways on one page), and formatTime's date and time below a day or for an interval not read.
 * The chart's labels are this too (chartTimeLabel).
 * @example formatBarTime("2014-01-17T00:00:00.000Z", "1d") // "2014-01-17"
 * @example formatBarTime("2026-10-06T12:00:00Z", "1h") // "2026-10-06 12:00 UTC"
 */
export function formatBarTime(value: string | undefined, interval: string): string {
  const written = formatTime(value);
  return writtenAsDate(interval) && written.endsWith(" UTC") ? written.slice(0, 10) : written;
}

/**
 * Confidence (0–100), the engine's score of how clean a shape is, as a whole score out of 100: written as a
 * percentage it read as a 91% chance of success beside evidence of 26%.
 * @example formatConfidence(91.46) // "91/100"
 */
export function formatConfidence(confidence: number): string {
  return `${Math.round(confidence)}/100`;
}

/**
 * A price as the CLI's target column writes it too (core's priceText): six significant digits, and to the
 * cent from 10,000 up.
 * @example formatPrice(1527.4567) // "1527.46"
 * @example formatPrice(0.0045) // "0.0045"
 */
export function formatPrice(price: number): string {
  return priceText(price);
}

/**
 * A whole number with thousands separators.
 * @example formatCount(5095) // "5,095"
 */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/**
 * A share (0–1) as a whole percentage.
 * @example formatPercent(0.2532) // "25%"
 */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function signed(value: string, negative: boolean): string {
  return negative ? `−${value}` : `+${value}`;
}

/**
 * A return (0.0051 = 0.51%) with its sign.
 * @example formatReturn(-0.0014) // "−0.14%"
 */
export function formatReturn(value: number): string {
  const rounded = Math.round(value * 10000) / 100;
  return signed(`${Math.abs(rounded).toFixed(2)}%`, rounded < 0);
}

/**
 * A difference of two shares in percentage points, one decimal.
 * @example formatPoints(-0.0221) // "−2.2 points"
 */
export function formatPoints(value: number): string {
  const rounded = Math.round(value * 1000) / 10;
  return `${signed(Math.abs(rounded).toFixed(1), rounded < 0)} points`;
}
