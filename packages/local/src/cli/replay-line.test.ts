// The replay's first line: what is sent, from where, at what pace and how long that pace takes.
import { describe, expect, it } from "vitest";
import { paceTaken, replayingLine } from "./replay-line";

describe("paceTaken", () => {
  it("says how long bars take at a pace, rounded as a person reads it", () => {
    expect(paceTaken(252, 50)).toBe("6 s");
    expect(paceTaken(5105, 50)).toBe("1 min 43 s");
    expect(paceTaken(15_000, 50)).toBe("5 min 0 s");
    expect(paceTaken(45_000, 50)).toBe("15 min");
    expect(paceTaken(2_552_500, 50)).toBe("14 h 10 min");
  });
});

describe("replayingLine", () => {
  const replay = {
    bars: 5105,
    series: [{ symbol: "SPX" }],
    interval: "1d",
    from: "data/sp500-2000.csv",
    speed: 50,
    holds: 0,
  };

  it("names one series' symbol, the pace and how long it takes, and how to go faster", () => {
    expect(replayingLine(replay)).toBe(
      "Replaying 5105 bars of SPX 1d from data/sp500-2000.csv at 50 bars/s (1 min 43 s; --speed max: as fast as the stream takes them).",
    );
    expect(replayingLine({ ...replay, speed: Number.POSITIVE_INFINITY, holds: 2 })).toBe(
      "Replaying 5105 bars of SPX 1d from data/sp500-2000.csv at full speed, holding 2 time(s) for alerts to be routed before their breakout or resolution.",
    );
  });

  it("counts a universe's symbols and names the first few", () => {
    const series = Array.from({ length: 500 }, (_, s) => ({ symbol: `S${s}` }));
    expect(replayingLine({ ...replay, bars: 2_552_500, series, from: "universe" })).toBe(
      "Replaying 2552500 bars of 500 symbols (S0, S1, S2, S3, S4 and 495 more) 1d from universe at 50 bars/s (14 h 10 min; --speed max: as fast as the stream takes them).",
    );
  });
});
