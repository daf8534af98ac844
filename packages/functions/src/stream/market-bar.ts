// A market-data record on MarketDataStream: one bar of one symbol, JSON, partitioned by symbol.

import { type Bar, barProblem, misnamedOptionalFields, timeStyle, timeValue } from "@stock-patterns/core";
import { intervalSchema, intervalSpanMs, symbolSchema } from "@stock-patterns/core/contracts";
import * as z from "zod";

/**
 * The record's JSON: `{ symbol, interval, time, open, high, low, close, volume }` (open/high/low/volume
 * optional). Its numbers must then meet core's valid-bar rule (barProblem), as the CLI's and the API's do.
 */
export const marketBarSchema = z.object({
  symbol: symbolSchema,
  interval: intervalSchema,
  time: z
    .union([z.string(), z.number()])
    .transform(String)
    .superRefine((time, ctx) => {
      // Why it is not a time, in the words the CLI and POST /patterns use (core's timeStyle).
      const style = timeStyle(time);
      if (style !== "iso" && style !== "epoch") ctx.addIssue({ code: "custom", message: style });
    }),
  open: z.number().optional(),
  high: z.number().optional(),
  low: z.number().optional(),
  close: z.number(),
  volume: z.number().optional(),
});

/** The keys of a record that are not its bar's: the series it belongs to. */
const RECORD_KEYS = ["symbol", "interval"];

/** A bar from the stream with the series it belongs to. */
export interface MarketBar {
  symbol: string;
  interval: string;
  bar: Bar;
}

/** Why a record was set aside. */
export class MalformedRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedRecordError";
  }
}

const DAY_MS = 86_400_000;

/**
 * How long after a record reached the stream its bar's time may be: a day (a daily bar stamped with its
 * session's date in a zone ahead of UTC), or one interval when that is longer (a bar stamped at its
 * period's end). Past that the time is wrong (epoch seconds with a digit too many, a year mistyped),
 * and a bar applied at it would make every true bar of its series after it late, for good.
 */
function allowanceMs(interval: string): number {
  return Math.max(DAY_MS, intervalSpanMs(interval) ?? DAY_MS);
}

/** Why a bar's time cannot be right for a record that arrived at `arrivedAt` (epoch seconds, as Kinesis says). */
function arrivalProblem(bar: Bar, interval: string, arrivedAt: number): string | undefined {
  const arrivedMs = arrivedAt * 1000;
  const allowance = allowanceMs(interval);
  if (!Number.isFinite(arrivedMs) || timeValue(bar.time) - arrivedMs <= allowance) return undefined;
  return (
    `time ${bar.time} is after the record reached the stream (${new Date(arrivedMs).toISOString()}) ` +
    `by more than ${allowance === DAY_MS ? "a day" : `one ${interval} bar`}`
  );
}

/**
 * Decodes a Kinesis record's base64 data into a bar; throws MalformedRecordError saying what is wrong.
 * Given when the record reached the stream (`approximateArrivalTimestamp`, epoch seconds), a bar stamped
 * well after that is malformed too (see allowanceMs).
 *
 * @example
 * decodeMarketBar(Buffer.from(JSON.stringify({ symbol: "AAPL", interval: "1d", time: "2024-01-02", close: 185.6 })).toString("base64"))
 */
export function decodeMarketBar(data: string, arrivedAt?: number): MarketBar {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, "base64").toString("utf8"));
  } catch {
    throw new MalformedRecordError("data is not JSON");
  }
  const parsed = marketBarSchema.safeParse(json);
  // A key the schema drops though it names a field the bar lacks (`Volume`, `volumne`): the bar would be
  // applied without it.
  const misnamed = misnamedOptionalFields(json, RECORD_KEYS);
  if (!parsed.success || misnamed !== undefined) {
    throw new MalformedRecordError(
      [
        ...(parsed.error?.issues ?? []).map(
          (issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`,
        ),
        ...(misnamed === undefined ? [] : [misnamed]),
      ].join("; "),
    );
  }
  const { symbol, interval, ...bar } = parsed.data;
  const problem =
    barProblem(bar) ?? (arrivedAt === undefined ? undefined : arrivalProblem(bar, interval, arrivedAt));
  if (problem) throw new MalformedRecordError(problem);
  return { symbol, interval, bar };
}
