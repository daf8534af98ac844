// /bars: the bars the stream holds for one series (its newest HELD_BARS), from a time on: what the console
// draws after a detection while its outcome is followed.

import { sortableTime } from "@stock-patterns/core";
import { barsQuerySchema, type HeldBars } from "@stock-patterns/core/contracts";
import { Hono } from "hono";
import { heldBars } from "#stream";
import { type ApiVariables, requireRole } from "../auth";
import { unseenSeries } from "../symbol-meant";
import { validate } from "../validation";

export const bars = new Hono<{ Variables: ApiVariables }>();

bars.get("/", requireRole("reader"), validate("query", barsQuerySchema), async (c) => {
  const { symbol, interval, from } = c.req.valid("query");
  const held = await heldBars(symbol, interval);
  if (!held) throw await unseenSeries(symbol, interval, `the stream holds no bars of ${symbol} ${interval}`);
  // Stored times are as streamed (dates, datetimes, epochs): compare them in one form, ISO UTC.
  const wanted = from ? held.filter((bar) => (sortableTime(bar.time) ?? "") >= from) : held;
  const answer: HeldBars = {
    symbol,
    interval,
    from: from ?? null,
    heldFrom: held[0]?.time ?? null,
    bars: wanted,
  };
  return c.json(answer);
});
