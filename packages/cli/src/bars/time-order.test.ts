// A file whose epoch times change unit must still go forward in time: the lead's file (150 daily bars in
// epoch seconds from 2020-01-01, then 150 in milliseconds from 200 days earlier) was scanned as one series.
// The column readers leave epoch times to readSeries, and core's scan orders them as instants.
import { describe, expect, it } from "vitest";
import { runPatterns } from "../../test/run";

const DAY_S = 86_400;
/** 2020-01-01 in epoch seconds. */
const START_S = 1_577_836_800;

type Style = "s" | "ms" | "iso";

/** Day `day` after 2020-01-01 written in `style`. */
function written(day: number, style: Style): string {
  const seconds = START_S + day * DAY_S;
  if (style === "s") return String(seconds);
  return style === "ms" ? String(seconds * 1000) : new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Closes that swing enough for the engine to find patterns. */
const closeAt = (i: number) => (100 + 10 * Math.sin(i / 4) + 3 * Math.sin(i / 1.7) + (i % 7) / 10).toFixed(2);

/** 150 daily rows in `first` style from 2020-01-01, then 150 in `second` from `shift` days after the 150th. */
function twoStyles(first: Style, second: Style, shift: number): string {
  const rows: string[] = [];
  for (let i = 0; i < 150; i++) rows.push(`${written(i, first)},${closeAt(i)},1000`);
  const from = shift < 0 ? shift : 149 + shift;
  for (let i = 0; i < 150; i++) rows.push(`${written(from + i, second)},${closeAt(150 + i)},1000`);
  return `time,close,volume\n${rows.join("\n")}\n`;
}

const scan = (file: string, ...options: string[]) =>
  runPatterns(["scan", "bars.csv", ...options], () => file);

const FORMATS = [["--json"], ["--json", "--outcomes"], ["--format", "csv"], []];

describe("patterns scan of a file whose epoch times change unit", () => {
  it.each([
    ["s", "ms"],
    ["ms", "s"],
  ] as const)("exits 2 naming the row when the %s times go back in time as %s", async (first, second) => {
    const file = twoStyles(first, second, -200);
    const message = `row 152: time "${written(-200, second)}" is not after the previous bar's "${written(149, first)}"`;
    for (const options of FORMATS) {
      const { status, stdout, stderr } = await scan(file, ...options);
      expect(status, options.join(" ")).toBe(2);
      expect(stderr).toBe(`patterns: bars.csv: ${message}\n`);
      // No detection printed (a CSV header may come first).
      expect(stdout.split("\n").filter((line) => line !== "").length, options.join(" ")).toBeLessThanOrEqual(
        options.includes("csv") ? 1 : 0,
      );
    }
  });

  it.each([
    ["s", "ms"],
    ["ms", "s"],
  ] as const)("reads the %s times going on as %s later as one series", async (first, second) => {
    const mixed = await scan(twoStyles(first, second, 1), "--json");
    const seconds = await scan(twoStyles("s", "s", 1), "--json");
    expect(mixed.status).toBe(0);
    const patterns = (stdout: string) =>
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).pattern);
    expect(patterns(mixed.stdout).length).toBeGreaterThan(0);
    expect(patterns(mixed.stdout)).toEqual(patterns(seconds.stdout));
  });

  it.each([
    ["iso", "s"],
    ["s", "iso"],
    ["iso", "ms"],
    ["ms", "iso"],
  ] as const)(
    "exits 2 naming the row when %s times are followed by %s ones, in order or not",
    async (first, second) => {
      for (const shift of [-200, 1]) {
        const { status, stderr } = await scan(twoStyles(first, second, shift), "--json");
        expect(status).toBe(2);
        expect(stderr).toMatch(
          /^patterns: bars\.csv: row 152: time "[^"]+" is (ISO 8601|an epoch number) but/,
        );
      }
    },
  );
});
