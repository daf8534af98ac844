// The Statistics table's order: by each column, either way, missing figures last.
import { describe, expect, it } from "vitest";
import type { EvidenceFigures, PatternCode } from "../api/types";
import { evidenceFigures, horizonFigures } from "../testing/evidenceFigures";
import { DEFAULT_SORT, nextSort, type StatsSort, sortEvidence } from "./statsSort";

function row(pattern: PatternCode, detections: number, successRate: number | null, lift?: number | null) {
  return evidenceFigures(pattern, horizonFigures(detections, 0.5, lift), {
    detections,
    resolved: detections,
    successRate,
  });
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
    const expected: [StatsSort, PatternCode[]][] = [
      [{ key: "successRate", order: "descending" }, ["RTOP", "HS", "DTOP", "DBOT"]],
      [{ key: "successRate", order: "ascending" }, ["DTOP", "HS", "RTOP", "DBOT"]],
      [{ key: "lift", order: "descending" }, ["DTOP", "HS", "RTOP", "DBOT"]],
      [{ key: "detections", order: "descending" }, ["RTOP", "HS", "DTOP", "DBOT"]],
    ];
    for (const [sort, codes] of expected) expect(order(sortEvidence(rows, sort)), sort.key).toEqual(codes);
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
