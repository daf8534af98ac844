// A market-data record on MarketDataStream: one bar of one symbol, JSON, partitioned by symbol.

import { type Bar, timeValue } from "@stock-patterns/core";
import { z } from "zod";
import { intervalSchema, symbolSchema } from "../analysis/series";

const price = z.number().finite().positive();

/** The record's JSON: `{ symbol, interval, time, open, high, low, close, volume }` (open/high/low/volume optional). */
export const marketBarSchema = z.object({
  symbol: symbolSchema,
  interval: intervalSchema,
  time: z
    .union([z.string(), z.number()])
    .transform(String)
    .refine((time) => Number.isFinite(timeValue(time)), "time must be an ISO date, datetime or epoch number"),
  open: price.optional(),
  high: price.optional(),
  low: price.optional(),
  close: price,
  volume: z.number().finite().nonnegative().optional(),
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
  return { symbol, interval, bar };
}
