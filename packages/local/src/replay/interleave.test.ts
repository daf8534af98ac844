// Many series sent as a feed sends a universe: by instant, each series' order kept, each bar under its symbol.
import { describe, expect, it } from "vitest";
import { interleaved } from "./interleave";

describe("interleaved", () => {
  it("sends each instant's bars of every series before the next instant's, whatever the times' style", () => {
    const series = [
      {
        symbol: "AAA",
        bars: [
          { time: "2024-01-02", close: 1 },
          { time: "2024-01-04", close: 2 },
        ],
      },
      // Epoch seconds of 2024-01-02 and 2024-01-03: the same instants as dates, compared as instants.
      {
        symbol: "BBB",
        bars: [
          { time: "1704153600", close: 3 },
          { time: "1704240000", close: 4 },
        ],
      },
      { symbol: "CCC", bars: [{ time: "2024-01-03T00:00:00Z", close: 5 }] },
    ];
    const { bars, symbols, positions } = interleaved(series);
    expect(bars.map(({ close }, i) => `${symbols[i]} ${close}`)).toEqual([
      "AAA 1",
      "BBB 3",
      "BBB 4",
      "CCC 5",
      "AAA 2",
    ]);
    // Where each series' bars went: every one once, in its own order.
    expect(positions).toEqual([[0, 4], [1, 2], [3]]);
    // The series' own bars, not copies, each under its series' symbol.
    series.forEach(({ symbol, bars: own }, s) => {
      own.forEach((bar, i) => {
        const at = positions[s]?.[i] as number;
        expect(bars[at]).toBe(bar);
        expect(symbols[at]).toBe(symbol);
      });
    });
  });

  it("keeps one series as it is, each bar under its symbol", () => {
    const bars = [
      { time: "2024-01-02", close: 1 },
      { time: "2024-01-03", close: 2 },
    ];
    expect(interleaved([{ symbol: "SPX", bars }])).toEqual({
      bars,
      symbols: ["SPX", "SPX"],
      positions: [[0, 1]],
    });
    expect(interleaved([])).toEqual({ bars: [], symbols: [], positions: [] });
  });
});
