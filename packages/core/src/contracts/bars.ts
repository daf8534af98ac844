// GET /bars: the bars the stream holds for one series, from a time on (the console draws the bars after a
// detection with them); how many it holds, the query and the answer, as schemas.

import * as z from "zod";
import { barSchema } from "./api";
import { timeQuery } from "./requests";
import { intervalSchema, symbolSchema } from "./series";

/** GET /bars query: one series, and the time of the first bar wanted (all held bars without it). */
export const barsQuerySchema = z.strictObject({
  symbol: symbolSchema.describe("The series' symbol."),
  interval: intervalSchema.describe("The series' bar interval, for example `1d`."),
  from: timeQuery.describe(
    "An ISO date, an ISO datetime, a year or a month (its first instant in UTC) or an epoch number: the bars at or after it; without it, every held bar.",
  ),
});
export type BarsQuery = z.infer<typeof barsQuerySchema>;

/** GET /bars, 200: the held bars at or after `from`, oldest first. */
export const heldBarsSchema = z
  .object({
    symbol: z.string(),
    interval: z.string(),
    /** The `from` asked for (ISO UTC), or null when none was. */
    from: z.string().nullable(),
    /**
     * The time of the oldest bar held (as it was streamed): bars before it are no longer held, so a `from`
     * before it gets the bars from it on. Null when the stream holds no bar of the series.
     */
    heldFrom: z.string().nullable(),
    bars: z.array(barSchema),
  })
  .meta({
    id: "HeldBars",
    examples: [
      {
        symbol: "SPX",
        interval: "1d",
        from: "2020-04-15T00:00:00.000Z",
        heldFrom: "2019-12-31",
        bars: [
          {
            time: "2020-04-15",
            open: 2795.639893,
            high: 2801.879883,
            low: 2761.540039,
            close: 2783.360107,
            volume: 5203390000,
          },
          {
            time: "2020-04-16",
            open: 2799.340088,
            high: 2806.51001,
            low: 2764.320068,
            close: 2799.550049,
            volume: 5179990000,
          },
          {
            time: "2020-04-17",
            open: 2842.429932,
            high: 2879.219971,
            low: 2830.879883,
            close: 2874.560059,
            volume: 5792140000,
          },
        ],
      },
    ],
  });
export type HeldBars = z.infer<typeof heldBarsSchema>;
