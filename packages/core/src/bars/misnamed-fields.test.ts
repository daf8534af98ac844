import { describe, expect, it } from "vitest";
import { misnamedBarFields, misnamedOptionalFields } from "./misnamed-fields";

const READ = "the API reads only the names time, close, open, high, low and volume, in lower case";

describe("misnamedBarFields", () => {
  it("names the keys that hold the time and close in a form the CLI reads", () => {
    expect(misnamedBarFields({ Date: "2024-01-02", Close: 5 })).toBe(
      `time and close are missing: the bar has "Date" and "Close"; ${READ}`,
    );
    expect(misnamedBarFields({ timestamp: 1_704_153_600, close: 5 })).toBe(
      `time is missing: the bar has "timestamp"; ${READ}`,
    );
    expect(misnamedBarFields({ time: "2024-01-02", CLOSE: 5 })).toBe(
      `close is missing: the bar has "CLOSE"; ${READ}`,
    );
  });

  it("names Polygon's short keys and what each is sent as", () => {
    expect(misnamedBarFields({ t: 1_704_153_600_000, o: 4, h: 6, l: 3, c: 5, v: 100, vw: 5, n: 9 })).toBe(
      `time and close are missing: the bar has Polygon's short keys t and c; ${READ} ` +
        "(send t as time, o as open, h as high, l as low, c as close and v as volume)",
    );
    expect(misnamedBarFields({ t: 1_704_153_600_000, close: 5 })).toMatch(
      /^time is missing: the bar has Polygon's short keys t; /,
    );
  });

  it("says nothing of a bar that has both, or lacks a field it names no other way", () => {
    expect(misnamedBarFields({ time: "2024-01-02", close: 5, Close: 6 })).toBeUndefined();
    expect(misnamedBarFields({ time: "2024-01-02" })).toBeUndefined();
    for (const notABar of [null, 5, "Date", ["Date", "Close"]])
      expect(misnamedBarFields(notABar)).toBeUndefined();
    expect(misnamedBarFields({ Date: "2024-01-02", price: 5 })).toBeUndefined();
    expect(misnamedBarFields({ "Close\u200b": 5, time: "2024-01-02" })).toBeUndefined();
  });
});

describe("misnamedOptionalFields", () => {
  const NAMES = "fields are named time, close, open, high, low and volume, in lower case";

  it("names a key that gives a field the bar lacks in a form the CLI reads or a letter or two off", () => {
    expect(misnamedOptionalFields({ time: "2024-01-02", close: 5, Volume: 1200 })).toBe(
      `the bar's "Volume" is no field (did you mean volume?): ${NAMES}`,
    );
    expect(misnamedOptionalFields({ time: "2024-01-02", close: 5, volumne: 1200, HIGH: 6 })).toBe(
      `the bar's "volumne" is no field (did you mean volume?), and its "HIGH" is no field (did you mean high?): ${NAMES}`,
    );
  });

  it("passes over a key of no field, one naming a field the bar has, the caller's own keys, and a missing time or close", () => {
    for (const bar of [
      { time: "2024-01-02", close: 5, vwap: 5, adjclose: 5, n: 9 },
      { time: "2024-01-02", close: 5, volume: 1, Volume: 2 },
      { time: "2024-01-02", close: 5, Close: 6, "Close\u200b": 6 },
      { Date: "2024-01-02", Close: 5 },
      null,
      [1, 2],
    ])
      expect(misnamedOptionalFields(bar)).toBeUndefined();
    const record = { symbol: "AAPL", interval: "1d", time: "2024-01-02", close: 5 };
    expect(misnamedOptionalFields(record, ["symbol", "interval"])).toBeUndefined();
    // "interval" is a letter or two from no field; "symbol" neither: only the bar's own are read so.
    expect(misnamedOptionalFields({ ...record, Volume: 1 }, ["symbol", "interval"])).toMatch(
      /^the bar's "Volume"/,
    );
  });
});
