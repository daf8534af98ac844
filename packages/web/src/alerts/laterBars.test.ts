// The bars after a detection, read from later stored detections through a real loopback HTTP server.
import { BARS_AFTER_DECISION, DETECTION_BARS_REACH } from "@stock-patterns/core/vocabulary";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Outcome } from "../api/types";
import { dailySeries, timeOf } from "../testing/dailySeries";
import { loopbackApi, OPEN_OUTCOME } from "../testing/loopbackApi";
import { laterBars } from "./laterBars";

const series = dailySeries(200);
const at = (index: number) => timeOf(series, index);
/** Stored detections of SPX: each holds the bars from 25 bars before its detectedAt through it; one is hourly. */
const stored = [40, 46, 52, 60, 75].map((end) => ({
  interval: "1d",
  detectedAt: at(end),
  bars: series.slice(end - 25, end + 1).map((bar) => [bar.time, bar.close]),
}));
stored.push({ interval: "1h", detectedAt: at(44), bars: [[`${at(44)}T10:00:00Z`, 1]] });

/**
 * The bundled S&P 500 replay's TBOT detected 2003-04-15 (bar 100 here), its bars from 2003-03-06 (3 before
 * its start, 2003-03-11), decided 2003-06-11 (bar 139). Its series, LATE, stores the later detections as
 * the replay did: the BTOP detected 2003-06-10 with bars from 2003-05-01 (so none holds 2003-04-16..30),
 * the HS detected 2003-07-11 (21 bars after the decision) and the IHS detected 2003-07-15, each with its
 * bars from 3 before its start. Only those two hold the deciding bar.
 */
const storedLate = [
  [111, 138],
  [132, 160],
  [134, 162],
].map(([first, end]) => ({
  interval: "1d",
  detectedAt: at(end as number),
  bars: series.slice(first, (end as number) + 1).map((bar) => [bar.time, bar.close]),
}));

/**
 * MANY stores 8 daily detections, known at bars 50, 55, .. 85, each holding the 5 bars through its detectedAt
 * (so together 46..85, without a gap): more than the 3 pages of 2 the reading stops at.
 */
const storedMany = [50, 55, 60, 65, 70, 75, 80, 85].map((end) => ({
  interval: "1d",
  detectedAt: at(end),
  bars: series.slice(end - 4, end + 1).map((bar) => [bar.time, bar.close]),
}));

/** Minute bars 09:30 to 15:59 on Friday 2000-01-07 and Monday 2000-01-10. */
const minutes = ["2000-01-07", "2000-01-10"].flatMap((day) =>
  Array.from({ length: 390 }, (_, i) => ({
    time: new Date(Date.parse(`${day}T09:30:00Z`) + i * 60_000).toISOString(),
    close: 100 + i,
  })),
);
const minute = (day: "Fri" | "Mon", clock: string) =>
  `${day === "Fri" ? "2000-01-07" : "2000-01-10"}T${clock}:00.000Z`;
/**
 * MIN stores two minute detections: one known Friday 15:50 holding 15:20..15:50, one known Monday 09:40
 * holding Friday 15:45..Monday 09:40 (26 bars), the only one with Friday's last bars.
 */
const storedMin = [
  [minute("Fri", "15:20"), minute("Fri", "15:50")],
  [minute("Fri", "15:45"), minute("Mon", "09:40")],
].map(([first, last]) => ({
  interval: "1m",
  detectedAt: last as string,
  bars: minutes
    .filter((bar) => bar.time >= (first as string) && bar.time <= (last as string))
    .map((bar) => [bar.time, bar.close]),
}));
const storedBy: Record<string, typeof stored> = { LATE: storedLate, MANY: storedMany, MIN: storedMin };

let api: Awaited<ReturnType<typeof loopbackApi>>;
const asked: URLSearchParams[] = [];

beforeAll(async () => {
  api = await loopbackApi((url) => {
    const query = url.searchParams;
    asked.push(query);
    const from = query.get("from") ?? "";
    const to = query.get("to") ?? "9999";
    // Newest first, two to a page, as GET /patterns pages them.
    const matching = (storedBy[query.get("symbol") ?? ""] ?? stored)
      .filter((item) => item.detectedAt >= from && item.detectedAt <= to.slice(0, item.detectedAt.length))
      .reverse();
    const start = Number(query.get("cursor") ?? 0);
    const next = start + 2 < matching.length ? String(start + 2) : undefined;
    return { body: { items: matching.slice(start, start + 2), cursor: next } };
  });
});

afterAll(() => api.close());

const open = OPEN_OUTCOME;
const ownBars = series.slice(12, 39);
/** The bars after the detection at bar `detected` of SPX's daily series, as the page would read them. */
const barsAfter = async (detected: number, outcome: Outcome) =>
  (
    await laterBars(
      { apiKey: "k", baseUrl: api.baseUrl },
      { symbol: "SPX", interval: "1d" },
      { detectedAt: at(detected) },
      outcome,
      ownBars,
    )
  ).bars;

describe("bars after a detection", () => {
  it("joins the later detections' bars of the same interval, one per time, after detectedAt, through the newest", async () => {
    const bars = await barsAfter(38, open);
    expect(bars.map((bar) => bar.time)).toEqual(series.slice(39, 76).map((bar) => bar.time));
    expect(asked.at(-1)?.get("symbol")).toBe("SPX");
    expect(asked.at(-1)?.get("from")).toBe(at(38));
    expect(asked.at(-1)?.has("to")).toBe(false);
  });

  it("stops a few bars after the deciding bar of a resolved outcome", async () => {
    const resolved: Outcome = {
      ...open,
      status: "target",
      breakout: { time: at(41), direction: "up" },
      target: 160,
      resolvedAt: at(45),
    };
    const bars = await barsAfter(38, resolved);
    expect(bars.at(0)?.time).toBe(at(39));
    expect(bars.at(-1)?.time).toBe(at(45 + BARS_AFTER_DECISION));
    // Later detections are read up to those that can hold the bars through BARS_AFTER_DECISION past the
    // deciding bar (with room for the bars' spacing), not to the newest.
    const reach = BARS_AFTER_DECISION + DETECTION_BARS_REACH;
    const to = asked.at(-1)?.get("to")?.slice(0, 10) ?? "";
    expect(to >= at(45 + reach) && to <= at(45 + 2 * reach + 1), `to ${to}`).toBe(true);
  });

  it("reaches the deciding bar held only by a detection stored 21 bars after it (the 2003 TBOT)", async () => {
    const decided: Outcome = {
      ...open,
      status: "target",
      breakout: { time: at(104), direction: "up" },
      target: 990.85,
      resolvedAt: at(139),
    };
    const { bars } = await laterBars(
      { apiKey: "k", baseUrl: api.baseUrl },
      { symbol: "LATE", interval: "1d" },
      { detectedAt: at(100) },
      decided,
      series.slice(72, 101),
    );
    // From the first stored bar after the detection through the deciding bar and BARS_AFTER_DECISION more.
    expect(bars.at(0)?.time).toBe(at(111));
    expect(bars.map((bar) => bar.time)).toContain(at(139));
    expect(bars.at(-1)?.time).toBe(at(139 + BARS_AFTER_DECISION));
  });

  it("reads every later detection stored when they fit in 3 pages, and says nothing was cut", async () => {
    const read = await laterBars(
      { apiKey: "k", baseUrl: api.baseUrl },
      { symbol: "SPX", interval: "1d" },
      { detectedAt: at(38) },
      open,
      ownBars,
    );
    expect(read.cut).toBeUndefined();
  });

  it("says how far it read when the page cap stopped it: the older detections stored since were not read", async () => {
    const read = await laterBars(
      { apiKey: "k", baseUrl: api.baseUrl },
      { symbol: "MANY", interval: "1d" },
      { detectedAt: at(45) },
      open,
      ownBars,
    );
    // 3 pages of 2: the detections known at 85 back to 60; those at 55 and 50 (bars 46..55) are not read.
    expect(read.bars.map((bar) => bar.time)).toEqual(series.slice(56, 86).map((bar) => bar.time));
    expect(read.cut).toEqual({ read: 6, readFrom: at(60) });
  });

  it("stops before a deciding bar that only the unread older detections hold, when the page cap stopped the reading", async () => {
    const decided: Outcome = {
      ...open,
      status: "target",
      breakout: { time: at(51), direction: "up" },
      target: 160,
      resolvedAt: at(53),
    };
    const read = await laterBars(
      { apiKey: "k", baseUrl: api.baseUrl },
      { symbol: "MANY", interval: "1d" },
      { detectedAt: at(45) },
      decided,
      ownBars,
    );
    // Bars 56..85 were read, the deciding bar 53 was not: no 5 bars are counted from 56 on.
    expect(read.bars).toEqual([]);
    expect(read.cut?.readFrom).toBe(at(60));
  });

  it("says when the time bound may have come before the bars asked for (minute bars over a weekend)", async () => {
    const decided: Outcome = {
      ...open,
      status: "target",
      breakout: { time: minute("Fri", "15:30"), direction: "up" },
      target: 160,
      resolvedAt: minute("Fri", "15:55"),
    };
    const own = minutes.filter(
      (bar) => bar.time >= minute("Fri", "14:30") && bar.time <= minute("Fri", "15:00"),
    );
    const read = await laterBars(
      { apiKey: "k", baseUrl: api.baseUrl },
      { symbol: "MIN", interval: "1m" },
      { detectedAt: minute("Fri", "15:00") },
      decided,
      own,
    );
    // 50 bars past 15:55 at one a minute, doubled, is Friday 17:25: the detection known Monday 09:40, the only
    // one holding the deciding bar, is not read, and no bar read lies between the deciding bar and 17:25.
    expect(asked.at(-1)?.get("to")).toBe(minute("Fri", "17:25"));
    expect(read.bars.at(-1)?.time).toBe(minute("Fri", "15:50"));
    expect(read.cut).toEqual({ to: minute("Fri", "17:25") });
  });

  it("finds nothing when no later detection is stored", async () => {
    const bars = await barsAfter(76, open);
    expect(bars).toEqual([]);
  });
});
