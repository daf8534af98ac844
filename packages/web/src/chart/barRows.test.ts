// Bars read from either shape the API may answer, unreadable rows left out.
import { describe, expect, it } from "vitest";
import { barRows } from "./barRows";

describe("bar rows", () => {
  it("reads objects and compact tuples alike", () => {
    expect(
      barRows([
        ["2000-01-03", 1455.22, 931800000],
        { time: "2000-01-04", open: 1455.22, high: 1455.22, low: 1397.43, close: 1399.42 },
      ]),
    ).toEqual([
      { time: "2000-01-03", close: 1455.22, volume: 931800000 },
      { time: "2000-01-04", open: 1455.22, high: 1455.22, low: 1397.43, close: 1399.42, volume: undefined },
    ]);
  });

  it("leaves out rows without a time or a finite close, and non-lists", () => {
    expect(barRows([["2000-01-03"], { time: "2000-01-04", close: "1" }, null, { close: 1 }])).toEqual([]);
    expect(barRows(undefined)).toEqual([]);
  });
});
