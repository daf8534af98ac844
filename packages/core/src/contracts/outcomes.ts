// The outcome of a detection and the evidence for its code as they cross packages (stream records,
// alert messages, API answers): zod schemas that the TypeScript types of outcomes/ and evidence/ must match.

import * as z from "zod";
import { HORIZONS } from "../outcomes/spec";
import { RESOLVED_STATUSES } from "../outcomes/types";
import { PATTERN_CODES } from "../types";

const direction = z.enum(["up", "down"]);
const share = z.number().min(0).max(1);

/** PATTERNS.md "Outcomes": the outcome record of one detection. */
export const outcomeSchema = z.object({
  ceiling: z.number(),
  floor: z.number(),
  status: z.enum(["open", ...RESOLVED_STATUSES]),
  breakout: z.object({ time: z.string(), direction }).nullable(),
  target: z.number().nullable(),
  resolvedAt: z.string().nullable(),
  returns: z.object(Object.fromEntries(HORIZONS.map((h) => [String(h), z.number().optional()]))),
});

const runningSummary = z.object({
  n: z.number().int().nonnegative(),
  mean: z.number().nullable(),
  upShare: share.nullable(),
});
const summary = runningSummary.extend({ median: z.number().nullable() });

const evidenceHead = {
  pattern: z.enum(PATTERN_CODES),
  detections: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
  status: z.object(Object.fromEntries(RESOLVED_STATUSES.map((s) => [s, z.number().int().nonnegative()]))),
  succeeded: z.number().int().nonnegative(),
  successRate: share.nullable(),
  // Plain numbers, not shares: wilsonInterval now gives exactly 0 and 1 at its ends, but evidence stored
  // before it did (`7be6cbe`) may hold a bound a rounding error outside [0, 1] (-5.6e-17), and is read as stored.
  successInterval: z.tuple([z.number(), z.number()]).nullable(),
};

function byHorizon<T extends z.ZodType>(horizon: T) {
  return z.object(Object.fromEntries(HORIZONS.map((h) => [String(h), horizon])));
}

/** PATTERNS.md "Evidence": one code's statistics of outcomes, as the CLI and POST /patterns give them. */
export const evidenceSchema = z.object({
  ...evidenceHead,
  horizons: byHorizon(
    z.object({
      returns: summary,
      baseline: summary,
      lift: z.number().nullable().optional(),
      ks: z.object({ D: z.number(), p: z.number() }).nullable(),
    }),
  ),
});

/** The running evidence a stream keeps (no median, no KS): what every new alert carries. */
export const runningEvidenceSchema = z.object({
  ...evidenceHead,
  horizons: byHorizon(
    z.object({ returns: runningSummary, baseline: runningSummary, lift: z.number().nullable().optional() }),
  ),
});
