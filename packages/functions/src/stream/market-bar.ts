// A market-data record on MarketDataStream: one bar of one symbol, JSON, partitioned by symbol.

import { type Bar, barProblem, timeStyle } from "@stock-patterns/core";
import { intervalSchema, symbolSchema } from "@stock-patterns/core/contracts";
import { z } from "zod";

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

/**
 * Decodes a Kinesis record's base64 data into a bar; throws MalformedRecordError saying what is wrong.
 *
 * @example
 * decodeMarketBar(Buffer.from(JSON.stringify({ symbol: "AAPL", interval: "1d", time: "2024-01-02", close: 185.6 })).toString("base64"))
 */
export function decodeMarketBar(data: string): MarketBar {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, "base64").toString("utf8"));
  } catch {
    throw new MalformedRecordError("data is not JSON");
  }
  const parsed = marketBarSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedRecordError(
      parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`)
        .join("; "),
    );
  }
  const { symbol, interval, ...bar } = parsed.data;
  const problem = barProblem(bar);
  if (problem) throw new MalformedRecordError(problem);
  return { symbol, interval, bar };
}
