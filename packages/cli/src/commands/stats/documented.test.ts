// Issue 9 asks the README and docs/patterns.md to state the bundled S&P 500 series' real evidence figures:
// these read the figures the documents print and hold them to what `patterns stats` computes today.

import { readFileSync } from "node:fs";
import {
  type Evidence,
  EXPECTED_DIRECTION,
  evidenceOf,
  parseBarsCsv,
  scanOutcomes,
} from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { readSpx } from "../../../test/run";

const root = new URL("../../../../../", import.meta.url);
const document = (path: string) => readFileSync(new URL(path, root), "utf8");

/** The bundled series' evidence per code, as `patterns stats --json` prints it (computed once, when asked). */
let computed: Promise<Evidence[]> | undefined;
function spxEvidence(): Promise<Evidence[]> {
  computed ??= readSpx().then((text) => {
    const bars = parseBarsCsv(text);
    return evidenceOf([{ bars, detections: scanOutcomes(bars) }]);
  });
  return computed;
}

/** A share as the README prints it: "25.3%". */
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
/** A signed figure as the README prints it, with a minus sign (U+2212): "+0.51%", "−2.2 pts". */
const signed = (value: number, digits: number, unit: string) =>
  `${value < 0 ? "\u2212" : "+"}${Math.abs(value * 100).toFixed(digits)}${unit}`;

/** The rows of the markdown table whose header line starts with `header`, as trimmed cells. */
function tableRows(text: string, header: string): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  expect(start, header).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** Whether `actual` shows as `documented`: integers exactly, other figures to within 1% (rounded there). */
function sameFigures(actual: unknown, documented: unknown, path = "$"): string[] {
  if (typeof documented === "number" && typeof actual === "number") {
    const close = Number.isInteger(documented)
      ? actual === documented
      : Math.abs(actual - documented) <= 0.01 * Math.abs(documented);
    return close ? [] : [`${path}: documented ${documented}, computed ${actual}`];
  }
  if (documented === null || typeof documented !== "object")
    return Object.is(actual, documented) ? [] : [`${path}: documented ${documented}, computed ${actual}`];
  if (actual === null || typeof actual !== "object")
    return [`${path}: documented an object, computed ${actual}`];
  return Object.entries(documented).flatMap(([key, value]) =>
    key === "..." ? [] : sameFigures((actual as Record<string, unknown>)[key], value, `${path}.${key}`),
  );
}

describe("the documented figures of the bundled S&P 500 series", () => {
  it("are the README's table, row by row, and its baseline and KS count", async () => {
    const evidence = await spxEvidence();
    const readme = document("README.md");
    const rows = tableRows(readme, "| code | claims | detections | succeeded |");
    const printed = evidence.map((e) => {
      const r10 = e.horizons["10"];
      const claim = EXPECTED_DIRECTION[e.pattern];
      return [
        e.pattern,
        claim ?? "\u2013",
        String(e.detections),
        String(e.succeeded),
        `${percent(e.successRate ?? Number.NaN)} [${(e.successInterval ?? []).map(percent).join(", ")}]`,
        `${signed(r10.returns.mean ?? Number.NaN, 2, "%")} (${signed(r10.baseline.mean ?? Number.NaN, 2, "%")})`,
        r10.lift === undefined || r10.lift === null ? "" : signed(r10.lift, 1, " pts"),
        (r10.ks?.p ?? Number.NaN).toFixed(2),
      ];
    });
    expect(rows).toEqual(printed);

    // The prose, however its lines are wrapped.
    const prose = readme.replace(/\s+/g, " ");
    const baseline = evidence[0]?.horizons["10"].baseline;
    expect(prose).toContain(
      `The baseline: ${baseline?.n.toLocaleString("en-US")} ten-bar returns, mean ${signed(baseline?.mean ?? Number.NaN, 2, "%")}, ${percent(baseline?.upShare ?? Number.NaN)} of them`,
    );
    const tests = evidence.flatMap((e) => Object.values(e.horizons).map((h) => h.ks?.p ?? Number.NaN));
    expect(prose).toMatch(
      new RegExp(
        `Of the ${tests.length} KS tests \\(12 codes, 4 horizons\\) ${tests.filter((p) => p < 0.05).length} fall below 0\\.05`,
      ),
    );
  });

  it("are docs/patterns.md's head-and-shoulders example, to the digits it shows", async () => {
    const [hs] = await spxEvidence();
    const page = document("docs/patterns.md");
    const example = page
      .slice(page.indexOf("As JSON (`patterns stats --json`)"))
      .match(/```json\n([^`]+)```/);
    expect(example?.[1]).toBeDefined();
    const documented = JSON.parse(example?.[1] ?? "null");
    expect(documented.pattern).toBe("HS");
    expect(sameFigures(hs, documented)).toEqual([]);
  });
});
