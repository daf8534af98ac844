// GET /stats: the evidence per pattern code (PATTERNS.md "Evidence") for one series, or pooled over every
// series of an interval; the query and the answer, as schemas.

import * as z from "zod";
import { PATTERN_CODES } from "../types";
import { runningEvidenceSchema } from "./outcomes";
import { queryTime } from "./requests";
import { intervalSchema, symbolSchema } from "./series";

/** GET /stats query: one series (`symbol`), or every series of `interval`; either as of now or of `asOf`. */
export const statsQuerySchema = z.strictObject({
  symbol: symbolSchema
    .optional()
    .describe("One series; without it, the evidence pooled over every symbol of `interval`."),
  interval: intervalSchema.describe("The bar interval, for example `1d`."),
  pattern: z
    .enum(PATTERN_CODES)
    .optional()
    .describe("One of the twelve pattern codes; without it, all twelve, in the order of the codes."),
  asOf: z
    .string()
    .superRefine((value, ctx) => {
      const read = queryTime(value);
      if ("problem" in read) ctx.addIssue({ code: "custom", message: read.problem });
    })
    .optional()
    .describe(
      "An ISO date, an ISO datetime, a year or a month (its first instant in UTC) or an epoch number: the evidence as it stood then.",
    ),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

/** GET /stats, 200: the running evidence (no median, no KS) of each code asked for. */
export const statsSchema = z
  .object({
    /** The series' symbol; null for the evidence pooled over every symbol of the interval. */
    symbol: z.string().nullable(),
    interval: z.string(),
    /**
     * The time of the bar the evidence counts up to (ISO UTC); null when pooled (each series to its
     * newest bar, or to its newest snapshot at or before requestedAsOf: see pooledFrom).
     */
    asOf: z.string().nullable(),
    /** The asOf asked for, when one was. */
    requestedAsOf: z.string().optional(),
    /** When these figures were counted (ISO UTC), and how long before this answer. */
    computedAt: z.string(),
    ageSeconds: z.number().nonnegative(),
    /** How many series the figures count. */
    series: z.number().int().nonnegative(),
    /**
     * Pooled as of a past time (no symbol, with asOf): each series' newest snapshot at or before it. The
     * series are those the newest pooling run listed (`listed`, at `listedAt`); `series` of them had a
     * snapshot by then, the oldest and newest of which are at the bars `oldestAsOf` and `newestAsOf`.
     */
    pooledFrom: z
      .object({
        listed: z.number().int().nonnegative(),
        listedAt: z.string(),
        oldestAsOf: z.string(),
        newestAsOf: z.string(),
      })
      .optional(),
    evidence: z.array(runningEvidenceSchema),
  })
  .meta({
    id: "Stats",
    examples: [
      {
        symbol: "SPX",
        interval: "1d",
        asOf: "2020-04-17T00:00:00.000Z",
        computedAt: "2026-11-30T20:41:19.588Z",
        ageSeconds: 12.4,
        series: 1,
        evidence: [
          {
            pattern: "HS",
            detections: 79,
            resolved: 79,
            status: { target: 35, failed: 30, stalled: 13, expired: 1 },
            succeeded: 20,
            successRate: 0.2532,
            successInterval: [0.1703, 0.3589],
            horizons: {
              "1": {
                returns: { n: 79, mean: 0.0005733, upShare: 0.5063 },
                baseline: { n: 5104, mean: 0.000212, upShare: 0.5351 },
                lift: 0.02933,
              },
              "5": {
                returns: { n: 79, mean: 0.003616, upShare: 0.557 },
                baseline: { n: 5100, mean: 0.0009888, upShare: 0.5645 },
                lift: 0.00794,
              },
              "10": {
                returns: { n: 79, mean: 0.005075, upShare: 0.6076 },
                baseline: { n: 5095, mean: 0.001856, upShare: 0.5859 },
                lift: -0.02173,
              },
              "20": {
                returns: { n: 79, mean: -0.00249, upShare: 0.519 },
                baseline: { n: 5085, mean: 0.003514, upShare: 0.6146 },
                lift: 0.09557,
              },
            },
          },
        ],
      },
    ],
  });
export type Stats = z.infer<typeof statsSchema>;
