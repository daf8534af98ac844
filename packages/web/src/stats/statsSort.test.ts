// The Statistics table's order: by each column, either way, missing figures last.
import { describe, expect, it } from "vitest";
import type { EvidenceFigures, PatternCode } from "../api/types";
import { DEFAULT_SORT, nextSort, sortEvidence } from "./statsSort";

function row(
  pattern: PatternCode,
  detections: number,
  successRate: number | null,
  lift?: number | null,
): EvidenceFigures {
  const horizon = {
    returns: { n: detections, mean: detections / 1000, upShare: 0.5 },
    baseline: { n: 900, mean: 0, upShare: 0.5 },
    lift,
  };
  return {
    pattern,
    detections,
    resolved: detections,
    status: { target: 0, failed: 0, stalled: 0, expired: 0 },
    succeeded: 0,
    successRate,
    successInterval: null,
    horizons: { "1": horizon, "5": horizon, "10": horizon, "20": horizon },
  };
}

const rows = [
  row("DTOP", 58, 0.069, 0.034),
  row("HS", 79, 0.253, -0.022),
  row("RTOP", 85, 0.565),
  row("DBOT", 3, null, null),
];
const order = (sorted: EvidenceFigures[]) => sorted.map((evidence) => evidence.pattern);

describe("sorting the statistics", () => {
  it("opens in the codes' usual order", () => {
    expect(order(sortEvidence(rows, DEFAULT_SORT))).toEqual(["HS", "RTOP", "DTOP", "DBOT"]);
  });

  it("sorts by a figure either way, with codes that lack it last", () => {
    expect(order(sortEvidence(rows, { key: "successRate", order: "descending" }))).toEqual([
      "RTOP",
      "HS",
      "DTOP",
      "DBOT",
    ]);
    expect(order(sortEvidence(rows, { key: "successRate", order: "ascending" }))).toEqual([
      "DTOP",
      "HS",
      "RTOP",
      "DBOT",
    ]);
    expect(order(sortEvidence(rows, { key: "lift", order: "descending" }))).toEqual([
      "DTOP",
      "HS",
      "RTOP",
      "DBOT",
    ]);
    expect(order(sortEvidence(rows, { key: "detections", order: "descending" }))).toEqual([
      "RTOP",
      "HS",
      "DTOP",
      "DBOT",
    ]);
  });

  it("turns the same column around and starts a new one largest first", () => {
    expect(nextSort(DEFAULT_SORT, "pattern")).toEqual({ key: "pattern", order: "descending" });
    expect(nextSort(DEFAULT_SORT, "lift")).toEqual({ key: "lift", order: "descending" });
    expect(nextSort({ key: "lift", order: "descending" }, "lift")).toEqual({
      key: "lift",
      order: "ascending",
    });
  });
});
