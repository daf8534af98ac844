// A file whose epoch times change unit must still go forward in time: the lead's file (150 daily bars in
// epoch seconds from 2020-01-01, then 150 in milliseconds from 200 days earlier) was scanned as one series.
// The column readers take one unit per file and leave such a file to readSeries, and core's scan orders
// its times as instants.
import { describe, expect, it } from "vitest";
import { type TimeStyle, twoStyles, written } from "../../../core/test/time-styles";
import { runPatterns } from "../../test/run";

/** twoStyles' bars as a CSV file with a volume column. */
function twoStylesFile(first: TimeStyle, second: TimeStyle, shift: number): string {
  const rows = twoStyles(first, second, shift).map((bar) => `${bar.time},${bar.close.toFixed(2)},1000`);
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
    const file = twoStylesFile(first, second, -200);
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
    const mixed = await scan(twoStylesFile(first, second, 1), "--json");
    const seconds = await scan(twoStylesFile("s", "s", 1), "--json");
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
        const { status, stderr } = await scan(twoStylesFile(first, second, shift), "--json");
        expect(status).toBe(2);
        expect(stderr).toMatch(
          /^patterns: bars\.csv: row 152: time "[^"]+" is (ISO 8601|an epoch number) but/,
        );
      }
    },
  );
});
