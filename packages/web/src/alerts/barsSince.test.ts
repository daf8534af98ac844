// The bars after a detection: from the stream's held bars (GET /bars) when it holds them all, the older
// ones from later stored detections (GET /patterns) when it does not; through a real loopback HTTP server.
import { BARS_AFTER_DECISION } from "@stock-patterns/core/vocabulary";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bar, Outcome } from "../api/types";
import { dailySeries, timeOf } from "../testing/dailySeries";
import { loopbackApi, OPEN_OUTCOME } from "../testing/loopbackApi";
import { barsSince } from "./barsSince";
import { barsSinceWords } from "./barsSinceWords";

const series = dailySeries(120);
const at = (index: number) => timeOf(series, index);
/** The stream holds SPX from bar 60 through 110 (its newest); HOLD is a series it does not hold (404). */
const held = series.slice(60, 111);
/**
 * Later detections stored for SPX and HOLD: each with the bars from 25 before its detectedAt through it;
 * none holds bars 53..59.
 */
const stored = [45, 52].map((end) => ({
  interval: "1d",
  detectedAt: at(end),
  bars: series.slice(end - 25, end + 1).map((bar) => [bar.time, bar.close]),
}));

let api: Awaited<ReturnType<typeof loopbackApi>>;
const asked: URL[] = [];

beforeAll(async () => {
  api = await loopbackApi((url) => {
    asked.push(url);
    const query = url.searchParams;
    const from = query.get("from") ?? "";
    if (url.pathname === "/bars") {
      if (query.get("symbol") !== "SPX")
        return { status: 404, body: { type: "about:blank", title: "Not found", status: 404 } };
      const bars = held.filter((bar) => `${bar.time}T00:00:00.000Z` >= from);
      return { body: { symbol: "SPX", interval: "1d", from, heldFrom: held[0]?.time, bars } };
    }
    return { body: { items: stored.filter((item) => item.detectedAt >= from.slice(0, 10)).reverse() } };
  });
});

afterAll(() => api.close());

const open = OPEN_OUTCOME;
const resolvedAt = (index: number): Outcome => ({
  ...open,
  status: "target",
  breakout: { time: at(index - 2), direction: "up" },
  target: 160,
  resolvedAt: at(index),
});
/** What the alert page reads for a detection at bar `detected` of `symbol`'s daily series. */
async function since(detected: number, outcome: Outcome, symbol = "SPX") {
  asked.length = 0;
  const answer = await barsSince(
    { apiKey: "k", baseUrl: api.baseUrl },
    { symbol, interval: "1d" },
    { detectedAt: at(detected) },
    outcome,
    series.slice(detected - 25, detected + 1),
  );
  return { ...answer, times: answer.bars.map((bar: Bar) => bar.time), paths: asked.map((u) => u.pathname) };
}

describe("bars since a detection", () => {
  it("takes every bar after an open detection from the stream when it holds the series from then on", async () => {
    const answer = await since(70, open);
    expect(answer.times).toEqual(series.slice(71, 111).map((bar) => bar.time));
    expect(answer).toMatchObject({ count: 40, held: 40, heldFrom: at(60), complete: true });
    expect(answer.paths).toEqual(["/bars"]);
    expect(asked[0]?.searchParams.get("from")).toBe(at(70));
    expect(asked[0]?.searchParams.get("interval")).toBe("1d");
  });

  it("stops BARS_AFTER_DECISION bars past the deciding bar", async () => {
    const answer = await since(70, resolvedAt(90));
    expect(answer.times.at(0)).toBe(at(71));
    expect(answer.times.at(-1)).toBe(at(90 + BARS_AFTER_DECISION));
    expect(answer.complete).toBe(true);
  });

  it("reads the bars the stream no longer holds from later stored detections, and joins them one per time", async () => {
    const answer = await since(40, open);
    // Stored detections hold bars 15..52, the stream 60..110; nothing holds 53..59.
    const expected = [...series.slice(41, 53), ...series.slice(60, 111)];
    expect(answer.times).toEqual(expected.map((bar) => bar.time));
    expect(answer).toMatchObject({ count: 63, held: 51, heldFrom: at(60), complete: false });
    expect(answer.paths).toEqual(["/bars", "/patterns"]);
    // The chart must not join bar 52 to bar 60, and the sentence names them.
    expect(answer.gaps).toEqual([{ after: at(52), before: at(60) }]);
  });

  it("leaves out the bars after a deciding bar that nothing holds, rather than count from across the gap", async () => {
    const answer = await since(50, resolvedAt(56));
    expect(answer.times).toEqual([at(51), at(52)]);
    expect(answer).toMatchObject({ count: 2, held: 0, complete: false, gaps: [] });
    // The stream's bars 60..110 lie between the deciding bar and the time bound: a later detection not read
    // (known after it) holds none of the bars asked for, so the reading is not cut.
    expect(answer.cut).toBeUndefined();
  });

  it("counts the bars after a deciding bar only up to a stretch nothing holds, not from across it", async () => {
    // Decided at bar 50: the stored detections hold 51 and 52, nothing holds 53..59, the stream 60 on. Bars
    // 60..62 are not the 3rd to 5th after the deciding bar, and are left out like the bars after the gap.
    const answer = await since(40, resolvedAt(50));
    expect(answer.times).toEqual(series.slice(41, 53).map((bar) => bar.time));
    expect(answer).toMatchObject({ count: 12, held: 0, complete: false, gaps: [] });
    // The words under the chart say it ends 2 bars past the deciding bar, not 5, and why.
    expect(barsSinceWords(answer, { symbol: "SPX", interval: "1d" })).toBe(
      `12 bars since the detection, from later detections stored for SPX: the stream keeps the newest 75 bars of SPX, from ${at(60)} on. The chart draws 2 of the 5 bars after the deciding bar: neither the stream nor any later detection stored for SPX holds the bar after ${at(52)}.`,
    );
  });

  it("tells a chart that ends at the stream's newest bar from one that ends where nothing holds the next", async () => {
    // Decided at bar 108: the stream's newest is 110, so 2 of the bars after it have come.
    const newest = await since(40, resolvedAt(108));
    expect(newest.times.at(-1)).toBe(at(110));
    expect(newest.short).toEqual({ drawn: 2, last: at(110), end: "newest" });
    // Decided at bar 50: the stored detections hold 51 and 52, nothing 53.
    expect((await since(40, resolvedAt(50))).short).toEqual({ drawn: 2, last: at(52), end: "unheld" });
    // Five drawn after the deciding bar: nothing to say.
    expect((await since(30, resolvedAt(40), "HOLD")).short).toBeUndefined();
  });

  it("reads everything from later stored detections for a series the stream does not hold", async () => {
    const answer = await since(30, resolvedAt(40), "HOLD");
    expect(answer.times).toEqual(series.slice(31, 41 + BARS_AFTER_DECISION).map((bar) => bar.time));
    expect(answer).toMatchObject({ held: 0, heldFrom: null, complete: false });
  });
});
