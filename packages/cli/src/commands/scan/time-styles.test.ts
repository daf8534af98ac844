// A time given on the command line (--since, --as-of) means the same instant whatever style it and the
// file's times are written in: ISO 8601, epoch seconds or epoch milliseconds (sortableTime's rule).

import { describe, expect, it } from "vitest";
import { readSpx, runPatterns } from "../../../test/run";

/** The bundled series with its dates written as epoch seconds or milliseconds. */
async function spxAs(unit: "s" | "ms"): Promise<string> {
  const [header, ...rows] = (await readSpx()).trimEnd().split("\n");
  const epoch = rows.map((row) => {
    const ms = Date.parse(row.slice(0, 10));
    return `${unit === "s" ? ms / 1000 : ms}${row.slice(10)}`;
  });
  return `${[header, ...epoch].join("\n")}\n`;
}

const files = async (): Promise<Record<string, string>> => ({
  "iso.csv": await readSpx(),
  "seconds.csv": await spxAs("s"),
  "ms.csv": await spxAs("ms"),
});

/** The detections printed as JSON, without their times (which keep each file's style). */
async function found(argv: string[], all: Record<string, string>): Promise<string[]> {
  const { status, stdout } = await runPatterns(["scan", ...argv, "--json"], (file) => all[file]);
  expect(status).toBe(0);
  return stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const { pattern, confidence } = JSON.parse(line);
      return `${pattern} ${confidence}`;
    });
}

describe("a time given on the command line, against files of every time style", () => {
  it("--since selects the same detections, written as ISO, epoch seconds or milliseconds", async () => {
    const all = await files();
    const expected = await found(["iso.csv", "--since", "2019-06-01"], all);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(100);
    for (const file of Object.keys(all))
      for (const since of ["2019-06-01", "1559347200", "1559347200000"])
        expect(await found([file, "--since", since], all), `${file} --since ${since}`).toEqual(expected);
  });

  it("stats --as-of counts the same, written as ISO, epoch seconds or milliseconds", async () => {
    const all = await files();
    const stats = async (file: string, asOf: string) => {
      const { status, stdout } = await runPatterns(
        ["stats", file, "--json", "--as-of", asOf],
        (name) => all[name],
      );
      expect(status).toBe(0);
      return stdout.split("\n").map((line) => (line ? JSON.parse(line).detections : undefined));
    };
    const expected = await stats("iso.csv", "2010-01-01");
    expect(expected[0]).toBe(42);
    for (const file of Object.keys(all))
      for (const asOf of ["2010-01-01", "1262304000", "1262304000000"])
        expect(await stats(file, asOf), `${file} --as-of ${asOf}`).toEqual(expected);
  });
});
