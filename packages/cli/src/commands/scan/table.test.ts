import { readFileSync } from "node:fs";
import { type Detection, scanBars, scanOutcomes } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../../../core/test/random-series";
import { type ListedSeries, listedTable } from "../../../test/listed-table";
import { SPX_FILE } from "../../../test/run";
import { readSeries } from "../../bars";
import { type ChunkMemory, LineChunks } from "./line-chunks";
import { seriesResult } from "./scan-columns";
import { writeTable } from "./table";
import { TableRowsWriter } from "./table-rows";

/** Memory in small pieces, so that rows fall across the table's chunks at every place. */
const smallPieces = (size: number): ChunkMemory => ({
  take: (wanted) => Buffer.alloc(Math.max(size, wanted)),
  giveBack: () => undefined,
});

/** The table writeTable prints for `series`, its rows written by TableRowsWriter, printed in `piece`-byte chunks. */
function writtenTable(series: readonly ListedSeries[], outcomes: boolean, piece = 1 << 20): string {
  const results = series.map(({ symbol, bars, detections }) => {
    const rows = new TableRowsWriter(outcomes);
    for (const d of detections) rows.push(d);
    return seriesResult(symbol, bars, rows);
  });
  const printed: Buffer[] = [];
  const lines = new LineChunks((chunk) => {
    printed.push(Buffer.from(chunk));
    return true;
  }, smallPieces(piece));
  writeTable(results, outcomes, lines);
  for (const chunk of lines.chunks()) printed.push(Buffer.from(chunk));
  return Buffer.concat(printed).toString("utf8");
}

const [spx = { symbol: "SPX", bars: [], rows: [] }] = readSeries(readFileSync(SPX_FILE, "utf8"), {
  symbol: "SPX",
});

/** `detections` with their times respelled by `respell` (the table prints times as given). */
const respelled = (detections: readonly Detection[], respell: (time: string) => string): Detection[] =>
  detections.map((d) => ({
    ...d,
    start: respell(d.start),
    end: respell(d.end),
    detectedAt: respell(d.detectedAt),
  }));

describe("the table", () => {
  it("prints what the string table printed for the bundled S&P 500 series, with and without outcomes", () => {
    const plain = scanBars(spx.bars);
    const followed = scanOutcomes(spx.bars);
    expect(plain.length).toBeGreaterThan(500);
    for (const [detections, outcomes] of [
      [plain, false],
      [followed, true],
    ] as const) {
      const one = [{ symbol: "SPX", bars: spx.bars.length, detections }];
      expect(writtenTable(one, outcomes)).toBe(listedTable(one, outcomes));
      // Three series (the symbol column), one without rows, whose symbol does not widen it.
      const three = [
        { symbol: "A", bars: 10, detections: detections.slice(0, 40) },
        { symbol: "A-VERY-LONG-SYMBOL", bars: 37, detections: [] },
        { symbol: "SPX", bars: spx.bars.length, detections },
      ];
      expect(writtenTable(three, outcomes)).toBe(listedTable(three, outcomes));
    }
  });

  it("ends with its counts in words: 1 bar and 1 detection, not 1 bars and 1 detections", () => {
    const [first] = scanBars(spx.bars);
    if (!first) throw new Error("the S&P series holds detections");
    const summary = (series: readonly ListedSeries[]) => writtenTable(series, false).split("\n").at(-2);
    expect(summary([{ symbol: "ONE", bars: 1, detections: [] }])).toBe("0 detections in 1 bar");
    expect(summary([{ symbol: "SPX", bars: 300, detections: [first] }])).toBe(
      `1 detection in 300 bars: ${first.pattern} 1`,
    );
    expect(
      summary([
        { symbol: "A", bars: 1, detections: [] },
        { symbol: "B", bars: 0, detections: [] },
      ]),
    ).toBe("0 detections in 1 bar of 2 series");
  });

  it("pads by characters as padEnd does: symbols and times past ASCII, times with spaces and tabs", () => {
    const detections = scanOutcomes(spx.bars).slice(0, 200);
    const series = [
      {
        symbol: "日経225",
        bars: 5,
        detections: respelled(detections, (t) => `${t.slice(0, 4)}年${t.slice(5)}`),
      },
      { symbol: "Ü", bars: 6, detections: respelled(detections, (t) => ` ${t}\t`) },
      { symbol: "SPX", bars: 7, detections: detections.slice(0, 3) },
      { symbol: "𝔖𝔓𝔛", bars: 8, detections: respelled(detections.slice(0, 9), (t) => `${t}é`) },
    ];
    for (const outcomes of [false, true])
      expect(writtenTable(series, outcomes)).toBe(listedTable(series, outcomes));
  });

  it("prints the same rows whatever the chunks they are written into and printed in", () => {
    // 40 times the S&P 500's detections: more rows than one MiB holds, so the writer's chunks end too.
    const many = Array.from({ length: 40 }, () => scanBars(spx.bars)).flat();
    const rows = new TableRowsWriter(false);
    for (const d of many) rows.push(d);
    expect(rows.chunks().length).toBeGreaterThan(1);
    const series = [{ symbol: "SPX", bars: spx.bars.length, detections: many }];
    const whole = listedTable(series, false);
    for (const piece of [1, 97, 4096]) expect(writtenTable(series, false, piece)).toBe(whole);
  });

  it("prints what the string table printed for random series, several or one", () => {
    fc.assert(
      fc.property(fc.array(randomSeries, { minLength: 1, maxLength: 4 }), fc.boolean(), (walks, outcomes) => {
        const series = walks.map(({ bars, bandwidth }, i) => ({
          symbol: `S${"X".repeat(i * 3)}`,
          bars: bars.length,
          detections: outcomes ? scanOutcomes(bars, { bandwidth }) : scanBars(bars, { bandwidth }),
        }));
        expect(writtenTable(series, outcomes, 64)).toBe(listedTable(series, outcomes));
      }),
      { numRuns: 150, seed: 20261203 },
    );
  });

  it("ends on its count of detections when there is none, with outcomes too (not on an empty 'outcomes: ')", () => {
    const none = [{ symbol: "SPX", bars: 19, detections: [] }];
    for (const outcomes of [false, true])
      expect(writtenTable(none, outcomes).endsWith("\n\n0 detections in 19 bars\n")).toBe(true);
  });

  it("counts every status in the summary, in the order the table gives them", () => {
    const detections = scanOutcomes(spx.bars);
    const table = writtenTable([{ symbol: "SPX", bars: spx.bars.length, detections }], true);
    const statuses = new Set(detections.map((d) => d.outcome.status));
    expect(statuses.size).toBeGreaterThan(2);
    const summary = table.trimEnd().split("\n").at(-1) ?? "";
    for (const status of statuses) {
      const count = detections.filter((d) => d.outcome.status === status).length;
      expect(summary).toContain(`${status} ${count}`);
    }
  });
});
