// The sentence under an alert's chart: where the bars since the detection came from, and why some are not drawn.
import { describe, expect, it } from "vitest";
import type { Outcome } from "../api/types";
import { barsSinceWords, unmarkedSteps } from "./barsSinceWords";

/** The series the sentences name, daily as the bundled sample; ES in 5-minute bars. */
const SPX = { symbol: "SPX", interval: "1d" };
const NDX = { symbol: "NDX", interval: "1d" };
const ES = { symbol: "ES", interval: "5m" };

describe("where the bars since the detection came from", () => {
  it("says the stream holds them all, and what new bars the chart still follows", () => {
    expect(barsSinceWords({ count: 12, held: 12, heldFrom: "2000-01-03", complete: true }, SPX, "open")).toBe(
      "12 bars since the detection, as the stream holds them. The chart follows new bars while the outcome is open.",
    );
    expect(barsSinceWords({ count: 1, held: 1, heldFrom: "2000-01-03", complete: true }, SPX)).toBe(
      "1 bar since the detection, as the stream holds them.",
    );
    expect(
      barsSinceWords({ count: 9, held: 9, heldFrom: "2000-01-03", complete: true }, SPX, "decided"),
    ).toBe(
      "9 bars since the detection, as the stream holds them. The chart follows new bars until 5 have come after the deciding bar.",
    );
    expect(barsSinceWords({ count: 0, held: 0, heldFrom: "2000-01-03", complete: true }, SPX, "open")).toBe(
      "No bar has come since the detection yet. The chart follows new bars while the outcome is open.",
    );
  });

  it("says which bars came from later stored detections, and how many the stream keeps", () => {
    expect(barsSinceWords({ count: 63, held: 51, heldFrom: "2000-03-27", complete: false }, SPX)).toBe(
      "63 bars since the detection: the newest 51 as the stream holds them, the older 12 from later detections stored for SPX (the stream keeps the newest 75 bars of SPX, from 2000-03-27 on).",
    );
    expect(barsSinceWords({ count: 20, held: 0, heldFrom: "2001-03-27", complete: false }, SPX)).toBe(
      "20 bars since the detection, from later detections stored for SPX: the stream keeps the newest 75 bars of SPX, from 2001-03-27 on.",
    );
    expect(barsSinceWords({ count: 15, held: 0, heldFrom: null, complete: false }, NDX)).toBe(
      "15 bars since the detection, from later detections stored for NDX (the stream holds no bars of NDX).",
    );
  });

  it("names the stretches neither the stream nor a later stored detection holds, where the chart leaves a gap", () => {
    // The 2003 TBOT on the bundled S&P 500 replay: nothing holds 2003-04-16 to 2003-04-30.
    const tbot = { count: 34, held: 0, heldFrom: "2020-06-01", complete: false };
    expect(barsSinceWords({ ...tbot, gaps: [{ after: "2003-04-15", before: "2003-05-01" }] }, SPX)).toBe(
      "34 bars since the detection, from later detections stored for SPX: the stream keeps the newest 75 bars of SPX, from 2020-06-01 on. Neither the stream nor any later detection stored for SPX holds the bars between 2003-04-15 and 2003-05-01: the chart leaves a gap there.",
    );
    const two = [
      { after: "2000-03-15", before: "2000-03-24" },
      { after: "2000-04-20", before: "2000-05-01" },
    ];
    expect(
      barsSinceWords({ count: 63, held: 51, heldFrom: "2000-03-24", complete: false, gaps: two }, SPX),
    ).toBe(
      "63 bars since the detection: the newest 51 as the stream holds them, the older 12 from later detections stored for SPX (the stream keeps the newest 75 bars of SPX, from 2000-03-24 on). Neither the stream nor any later detection stored for SPX holds the bars between 2000-03-15 and 2000-03-24, or between 2000-04-20 and 2000-05-01: the chart leaves a gap at each.",
    );
  });

  it("says which later detections were read when the page cap stopped the reading, not that none stored holds the bars", () => {
    const cut = { read: 300, readFrom: "2003-09-10" };
    const since = { count: 30, held: 0, heldFrom: "2020-06-01", complete: false, cut };
    expect(barsSinceWords({ ...since, gaps: [{ after: "2003-04-15", before: "2003-09-02" }] }, SPX)).toBe(
      "30 bars since the detection, from later detections stored for SPX: the stream keeps the newest 75 bars of SPX, from 2020-06-01 on. Neither the stream nor any later detection read for SPX (the newest 300 stored, known from 2003-09-10 on) holds the bars between 2003-04-15 and 2003-09-02: the chart leaves a gap there.",
    );
    expect(barsSinceWords({ count: 0, held: 0, heldFrom: null, complete: false, cut }, NDX)).toBe(
      "The chart ends at the detection: the stream holds no bars of NDX, and no later detection read for NDX (the newest 300 stored, known from 2003-09-10 on) holds any since.",
    );
  });

  it("says how many of the bars after the deciding bar the chart draws when it ends short of them, and why", () => {
    // The 2003 TBOT decided 2003-06-11, with the time bound before any detection holding the bars after it.
    const tbot = { count: 30, held: 0, heldFrom: "2020-06-01", complete: false, cut: { to: "2003-08-11" } };
    expect(barsSinceWords({ ...tbot, short: { drawn: 1, last: "2003-06-12", end: "unheld" } }, SPX)).toBe(
      "30 bars since the detection, from later detections stored for SPX: the stream keeps the newest 75 bars of SPX, from 2020-06-01 on. The chart draws 1 of the 5 bars after the deciding bar: neither the stream nor any later detection stored for SPX known by 2003-08-11 holds the bar after 2003-06-12.",
    );
    // Decided on the detection's next bar and nothing after it held: none of the 5.
    const none = { count: 1, held: 0, heldFrom: null, complete: false };
    expect(barsSinceWords({ ...none, short: { drawn: 0, last: "2000-03-16", end: "unheld" } }, NDX)).toBe(
      "1 bar since the detection, from later detections stored for NDX (the stream holds no bars of NDX). The chart draws none of the 5 bars after the deciding bar: neither the stream nor any later detection stored for NDX holds the bar after 2000-03-16.",
    );
    // The last bar drawn is the stream's newest: the bars after it have not come yet.
    const newest = { count: 80, held: 75, heldFrom: "2000-06-01", complete: false };
    expect(barsSinceWords({ ...newest, short: { drawn: 3, last: "2000-09-15", end: "newest" } }, SPX)).toBe(
      "80 bars since the detection: the newest 75 as the stream holds them, the older 5 from later detections stored for SPX (the stream keeps the newest 75 bars of SPX, from 2000-06-01 on). The chart draws 3 of the 5 bars after the deciding bar: no bar of SPX after 2000-09-15 has come on the stream yet.",
    );
  });

  it("says how far the later detections were read when the time bound may have come before the bars asked for", () => {
    const since = { count: 0, held: 0, heldFrom: "2000-01-10T09:30:00Z", complete: false };
    expect(barsSinceWords({ ...since, cut: { to: "2000-01-07T17:25:00.000Z" } }, ES)).toBe(
      "The chart ends at the detection: the stream keeps the newest 75 bars of ES, from 2000-01-10 09:30 UTC on, and no later detection stored for ES known by 2000-01-07 17:25 UTC holds the bars between the detection and then.",
    );
    const both = { to: "2003-10-18", read: 300, readFrom: "2003-09-10" };
    expect(barsSinceWords({ ...since, heldFrom: null, cut: both }, SPX)).toBe(
      "The chart ends at the detection: the stream holds no bars of SPX, and no later detection read for SPX (the newest 300 known by 2003-10-18, from 2003-09-10 on) holds any since.",
    );
  });

  it("writes a daily series' times as dates, the time bound computed from its spacing too", () => {
    // The bound is resolvedAt plus a span from the bars' mean spacing: not a midnight, which read
    // "known by 2003-08-11 07:12 UTC" beside bars written as dates.
    const tbot = { count: 30, held: 0, heldFrom: "2020-06-01T00:00:00.000Z", complete: false };
    const cut = { to: "2003-08-11T07:12:00.000Z" };
    expect(
      barsSinceWords({ ...tbot, cut, short: { drawn: 1, last: "2003-06-12", end: "unheld" } }, SPX),
    ).toBe(
      "30 bars since the detection, from later detections stored for SPX: the stream keeps the newest 75 bars of SPX, from 2020-06-01 on. The chart draws 1 of the 5 bars after the deciding bar: neither the stream nor any later detection stored for SPX known by 2003-08-11 holds the bar after 2003-06-12.",
    );
  });

  it("says plainly when the chart ends at the detection, and why", () => {
    expect(barsSinceWords({ count: 0, held: 0, heldFrom: "2001-03-27", complete: false }, SPX)).toBe(
      "The chart ends at the detection: the stream keeps the newest 75 bars of SPX, from 2001-03-27 on, and no later detection stored for SPX holds the bars between the detection and then.",
    );
    expect(barsSinceWords({ count: 0, held: 0, heldFrom: null, complete: false }, NDX)).toBe(
      "The chart ends at the detection: the stream holds no bars of NDX, and no later detection stored for NDX holds any since.",
    );
  });
});

describe("lifecycle steps the chart cannot mark", () => {
  const outcome: Outcome = {
    ceiling: 12,
    floor: 10,
    status: "failed",
    breakout: { time: "2000-09-01", direction: "up" },
    target: 14,
    resolvedAt: "2000-10-06",
    returns: {},
  };
  const bar = (time: string) => ({ time, close: 11 });

  it("names each step whose bar is not drawn, and nothing when all are", () => {
    expect(unmarkedSteps(outcome, [bar("2000-09-01"), bar("2000-10-06")], SPX)).toBe("");
    expect(unmarkedSteps(outcome, [bar("2000-09-01")], SPX)).toBe(
      "The deciding bar (2000-10-06) is not among the bars drawn, so it is not marked.",
    );
    expect(unmarkedSteps(outcome, [], SPX)).toBe(
      "The breakout (2000-09-01) and the deciding bar (2000-10-06) are not among the bars drawn, so they are not marked.",
    );
    expect(unmarkedSteps({ ...outcome, status: "open", breakout: null, resolvedAt: null }, [], SPX)).toBe("");
  });

  it("says why, when the stream does not hold every bar since the detection", () => {
    expect(unmarkedSteps(outcome, [bar("2000-10-06")], SPX, {})).toBe(
      "The breakout (2000-09-01) is not among the bars drawn, so it is not marked: neither the stream nor any later detection stored for SPX holds its bar.",
    );
    expect(unmarkedSteps(outcome, [], SPX, {})).toBe(
      "The breakout (2000-09-01) and the deciding bar (2000-10-06) are not among the bars drawn, so they are not marked: neither the stream nor any later detection stored for SPX holds their bars.",
    );
  });

  it("writes the steps' times as the series' bar times", () => {
    const streamed = { ...outcome, resolvedAt: "2000-10-06T00:00:00.000Z" };
    expect(unmarkedSteps(streamed, [bar("2000-09-01")], SPX)).toBe(
      "The deciding bar (2000-10-06) is not among the bars drawn, so it is not marked.",
    );
    expect(unmarkedSteps(streamed, [bar("2000-09-01")], { symbol: "ES", interval: "1h" })).toBe(
      "The deciding bar (2000-10-06 00:00 UTC) is not among the bars drawn, so it is not marked.",
    );
  });

  it("says only what the later detections read hold, when the reading was cut", () => {
    expect(
      unmarkedSteps(outcome, [bar("2000-09-01")], SPX, { cut: { read: 300, readFrom: "2000-11-20" } }),
    ).toBe(
      "The deciding bar (2000-10-06) is not among the bars drawn, so it is not marked: neither the stream nor any later detection read for SPX (the newest 300 stored, known from 2000-11-20 on) holds its bar.",
    );
    expect(unmarkedSteps(outcome, [bar("2000-09-01")], SPX, { cut: { to: "2000-10-20" } })).toBe(
      "The deciding bar (2000-10-06) is not among the bars drawn, so it is not marked: neither the stream nor any later detection stored for SPX known by 2000-10-20 holds its bar.",
    );
  });
});
