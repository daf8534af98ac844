// The one rule for a valid bar, used at every door (the CLI, the API, the stream): its numbers are ones
// a market can quote and DynamoDB can store, so a bar that passes here never fails later in a write.

import type { Bar } from "../types";

/**
 * The prices a bar may carry. DynamoDB stores magnitudes from 1e-130 to 9.99…e125 (38 digits;
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html);
 * prices are held well inside that, so every figure computed from two of them (a move in percent, a
 * ratio, rounded to hundredths) is storable too.
 */
export const PRICE_RANGE = { min: 1e-30, max: 1e30 } as const;

/** The largest volume a bar may carry (a volume may also be 0); the same reasoning as PRICE_RANGE. */
export const VOLUME_MAX = 1e30;

const PRICE_FIELDS = ["close", "open", "high", "low"] as const;

/**
 * The rule for a price (close, open, high, low): a number in PRICE_RANGE (NaN and infinities fail it).
 *
 * @example
 * priceIsValid(185.6) // true
 */
export function priceIsValid(value: unknown): boolean {
  return typeof value === "number" && value >= PRICE_RANGE.min && value <= PRICE_RANGE.max;
}

/**
 * The rule for a volume: 0, or a number in the storable range.
 *
 * @example
 * volumeIsValid(0) // true
 */
export function volumeIsValid(value: unknown): boolean {
  return typeof value === "number" && (value === 0 || (value >= PRICE_RANGE.min && value <= VOLUME_MAX));
}

/**
 * What is wrong with a price (close, open, high or low), or undefined when it is valid.
 *
 * @example
 * priceProblem(0)     // "is not positive"
 * priceProblem(185.6) // undefined
 */
export function priceProblem(value: number): string | undefined {
  if (priceIsValid(value)) return undefined;
  if (!Number.isFinite(value)) return "is not a finite number";
  if (value <= 0) return "is not positive";
  return `is outside the range a price may take (${PRICE_RANGE.min} to ${PRICE_RANGE.max})`;
}

/**
 * What is wrong with a volume, or undefined when it is valid (0, or in the storable range).
 *
 * @example
 * volumeProblem(-1) // "is negative"
 */
export function volumeProblem(value: number): string | undefined {
  if (volumeIsValid(value)) return undefined;
  if (!Number.isFinite(value)) return "is not a finite number";
  if (value < 0) return "is negative";
  return `is outside the range a volume may take (0, or ${PRICE_RANGE.min} to ${VOLUME_MAX})`;
}

/**
 * True when a bar's numbers meet the rule (barProblem says why not). One comparison chain per field: it
 * runs for every bar of every series, so the sentence is only built for a bar that fails.
 *
 * @example
 * barIsValid({ time: "2020-01-02", close: 10, volume: 0 }) // true
 */
export function barIsValid(bar: Bar): boolean {
  return (
    priceIsValid(bar.close) &&
    (bar.open === undefined || priceIsValid(bar.open)) &&
    (bar.high === undefined || priceIsValid(bar.high)) &&
    (bar.low === undefined || priceIsValid(bar.low)) &&
    (bar.volume === undefined || volumeIsValid(bar.volume))
  );
}

/** A bar's number as a refusal shows it: -0 with its sign (String gives "0", not what was written). */
const writtenNumber = (value: number | undefined): string => (Object.is(value, -0) ? "-0" : String(value));

/**
 * The first thing wrong with a bar's numbers, as a sentence naming the field, or undefined.
 * (Its time is checked where order is known: checkNextBar.)
 *
 * @example
 * barProblem({ time: "2020-01-02", close: 1e308 }) // "close 1e+308 is outside the range a price may take (…)"
 */
export function barProblem(bar: Bar): string | undefined {
  if (barIsValid(bar)) return undefined;
  for (const field of PRICE_FIELDS) {
    const value = bar[field];
    if (value === undefined && field !== "close") continue;
    const problem = priceProblem(value as number);
    if (problem) return `${field} ${writtenNumber(value)} ${problem}`;
  }
  const problem = volumeProblem(bar.volume as number);
  return problem && `volume ${writtenNumber(bar.volume)} ${problem}`;
}
