// Issue 9 asks the docs to state the bundled S&P 500 series' real evidence figures (docs/patterns.md holds
// them, and docs/console.md its evidence card): these read the figures the documents print and hold them
// to what `patterns stats` computes today.

import { readFileSync } from "node:fs";
import {
  countSeries,
  type DesignEffects,
  decideSeverity,
  type Evidence,
  EXPECTED_DIRECTION,
  evidenceOf,
  LiftDependence,
  type LiftFigures,
  liftInterval,
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

/** How far the bundled series' returns overlap, per code and horizon, as `patterns stats` measures it. */
let dependence: Promise<DesignEffects> | undefined;
function spxDesignEffects(): Promise<DesignEffects> {
  dependence ??= readSpx().then((text) => {
    const bars = parseBarsCsv(text);
    const counted = new LiftDependence();
    counted.add(countSeries({ bars, detections: scanOutcomes(bars) }));
    return counted.designEffects();
  });
  return dependence;
}

/** The lift's interval `patterns stats` prints for a code at a horizon: allowing for its returns' overlap. */
async function printedInterval(e: Evidence, horizon: "1" | "5" | "10" | "20", figures: LiftFigures) {
  const direction = EXPECTED_DIRECTION[e.pattern];
  if (!direction) throw new Error(`${e.pattern} claims no direction`);
  return liftInterval(figures, direction, (await spxDesignEffects())[e.pattern]?.[horizon]);
}

/** A share as docs/patterns.md prints it: "25.3%". */
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
/** A signed figure as docs/patterns.md prints it, with a minus sign (U+2212): "+0.51%", "−2.2 pts". */
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
  it("are docs/patterns.md's table, row by row, and its baseline and KS count", async () => {
    const evidence = await spxEvidence();
    const page = document("docs/patterns.md");
    const rows = tableRows(page, "| code | claims | detections | succeeded |");
    expect(page).toContain("| lift₁₀ [95% interval] | KS p |");
    const intervals = await Promise.all(
      evidence.map((e) =>
        EXPECTED_DIRECTION[e.pattern] ? printedInterval(e, "10", e.horizons["10"]) : undefined,
      ),
    );
    const printed = evidence.map((e, i) => {
      const r10 = e.horizons["10"];
      const claim = EXPECTED_DIRECTION[e.pattern];
      return [
        e.pattern,
        claim ?? "\u2013",
        String(e.detections),
        String(e.succeeded),
        `${percent(e.successRate ?? Number.NaN)} [${(e.successInterval ?? []).map(percent).join(", ")}]`,
        `${signed(r10.returns.mean ?? Number.NaN, 2, "%")} (${signed(r10.baseline.mean ?? Number.NaN, 2, "%")})`,
        r10.lift === undefined || r10.lift === null || !claim
          ? ""
          : `${signed(r10.lift, 1, " pts")} [${(intervals[i]?.bounds ?? []).map((x) => signed(x, 1, "")).join(", ")}]`,
        (r10.ks?.p ?? Number.NaN).toFixed(2),
      ];
    });
    expect(rows).toEqual(printed);
    // The mean and lift count every detection's 10-bar return, so the detections column is their n.
    expect(evidence.filter((e) => e.horizons["10"].returns.n !== e.detections)).toEqual([]);

    // The prose, however its lines are wrapped.
    const prose = page.replace(/\s+/g, " ");
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

  it("are docs/patterns.md's lift intervals, and its count of those clear of zero", async () => {
    const evidence = await spxEvidence();
    const prose = document("docs/patterns.md").replace(/\s+/g, " ");
    /** The 95% interval of a code's lift at a horizon, as docs/patterns.md prints it: "−3.8 to +16.8". */
    const between = async (code: string, horizon: "1" | "5" | "10" | "20") => {
      const e = evidence.find((one) => one.pattern === code);
      const interval = e ? (await printedInterval(e, horizon, e.horizons[horizon])).bounds : null;
      expect(interval, `${code} at ${horizon}`).not.toBeNull();
      return (interval ?? []).map((bound) => signed(bound, 1, "")).join(" to ");
    };
    expect(prose).toContain(
      `their 95% intervals, ${await between("IHS", "10")} and ${await between("ATRI", "10")} points`,
    );
    expect(prose).toContain(`interval, ${await between("DTRI", "10")}, reaches above zero`);
    const directional = evidence.filter((e) => EXPECTED_DIRECTION[e.pattern]);
    const intervals = (
      await Promise.all(
        directional.map((e) =>
          Promise.all(
            (["1", "5", "10", "20"] as const).map(async (h) => ({
              lift: `${e.pattern} ${h}`,
              ...(await printedInterval(e, h, e.horizons[h])),
            })),
          ),
        ),
      )
    ).flat();
    // The down claims' at 1 and 5 bars are widened: 3 and 2 of the baseline's returns there are exactly zero.
    expect(intervals.filter((one) => one.bounds === null)).toEqual([]);
    const widened = intervals.filter((one) => one.bounds && one.widened).map(({ lift }) => lift);
    expect(widened).toEqual(["HS 1", "HS 5", "DTRI 1", "DTRI 5", "DTOP 1", "DTOP 5"]);
    expect(prose).toContain(
      `Of the ${intervals.length} lifts (6 codes that claim a direction, 4 horizons), ${widened.length} have a widened interval`,
    );
    const clear = intervals
      .filter(({ bounds }) => bounds && (bounds[0] > 0 || bounds[1] < 0))
      .map(({ lift }) => lift);
    expect(clear).toEqual(["ATRI 1"]);
    expect(prose).toContain(
      `one lies clear of zero, and on the wrong side: ascending triangles at 1 bar, ${signed(evidence.find((e) => e.pattern === "ATRI")?.horizons["1"].lift ?? Number.NaN, 1, " points")} (${await between("ATRI", "1")})`,
    );
  });

  it("are docs/console.md's evidence card: the last head-and-shoulders alert's, as of its detection", async () => {
    const text = await readSpx();
    const bars = parseBarsCsv(text);
    const detections = scanOutcomes(bars);
    const alerted = detections.filter((d) => d.pattern === "HS" && decideSeverity(d.confidence) !== null);
    const last = alerted.at(-1);
    expect(last).toBeDefined();
    const hs = evidenceOf([{ bars, detections }], last?.detectedAt).find((e) => e.pattern === "HS");
    const whole = (share: number) => `${Math.round(share * 100)}%`;
    const [low, high] = hs?.successInterval ?? [Number.NaN, Number.NaN];
    const prose = document("docs/console.md").replace(/\s+/g, " ");
    expect(prose).toContain(
      `"${hs?.succeeded} of ${hs?.resolved} past head-and-shoulders on SPX broke out down, the pattern's direction, and reached their target: ${whole(hs?.successRate ?? Number.NaN)}, likely between ${whole(low)} and ${whole(high)}" (the bundled series' last head-and-shoulders alert, detected ${last?.detectedAt},`,
    );
    // Its chart's target bar counts the targets reached either way, the sentence only those after a breakout down.
    const target = hs?.status.target ?? Number.NaN;
    expect(prose).toContain(
      `"The target bar counts every target reached, whichever way the breakout went: ${target}, of which ${hs?.succeeded} broke out down, the pattern's direction (the successes above), and ${target - (hs?.succeeded ?? Number.NaN)} broke out up, against it."`,
    );
    // The whole evidence (an alert POST /patterns raised) adds the 10-bar medians and the KS test.
    const ten = hs?.horizons["10"];
    const median = (value: number | null | undefined) => signed(value ?? Number.NaN, 2, "%");
    const p = (ten?.ks?.p ?? Number.NaN) < 0.01 ? "p < 0.01" : `p = ${ten?.ks?.p.toFixed(2)}`;
    expect(prose).toContain(
      `"Median over the next 10 bars: ${median(ten?.returns.median)} after the pattern, against ${median(ten?.baseline.median)} after any bar. Kolmogorov–Smirnov D = ${ten?.ks?.D.toFixed(2)}, ${p}`,
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
