// A detection's bars survive packing into one string, whatever fields each bar has; older lists read as they are.

import { describe, expect, it } from "vitest";
import { sp500 } from "#test/fixtures";
import { packStoredBars, unpackStoredBars } from "./stored-bars";

describe("stored bars", () => {
  it("gives back full bars (open, high, low, close, volume) exactly", () => {
    const bars = sp500().slice(0, 45);
    expect(bars[0]?.open).toBeTypeOf("number");
    expect(unpackStoredBars(packStoredBars(bars))).toEqual(bars);
  });

  it("gives back bars with only some fields, without adding any", () => {
    const bars = [
      { time: "2020-01-02", close: 10.25 },
      { time: "2020-01-03", close: 10.5, volume: 1200 },
      { time: "2020-01-06", close: 11, high: 11.5 },
    ];
    const packed = packStoredBars(bars);
    expect(packed).toBe('[["2020-01-02",10.25],["2020-01-03",10.5,1200],["2020-01-06",11,null,null,11.5]]');
    expect(unpackStoredBars(packed)).toStrictEqual(bars);
  });

  it("reads the list of bar maps older records hold, and nothing as no bars", () => {
    const older = [{ time: "2020-01-02", open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }];
    expect(unpackStoredBars(older)).toEqual(older);
    expect(unpackStoredBars(undefined)).toEqual([]);
  });
});
