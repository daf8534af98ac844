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

  it("reads a year or a month as its first instant in UTC, against every style (not 1970's seconds)", async () => {
    const all = await files();
    const since2019 = await found(["iso.csv", "--since", "2019-01-01"], all);
    const since201912 = await found(["iso.csv", "--since", "2019-12-01"], all);
    // Each is a part of the series' detections: 2019 read as seconds of 1970 had kept every one.
    expect(since2019.length).toBeLessThan((await found(["iso.csv"], all)).length);
    expect(since201912.length).toBeLessThan(since2019.length);
    for (const file of Object.keys(all)) {
      expect(await found([file, "--since", "2019"], all), `${file} --since 2019`).toEqual(since2019);
      expect(await found([file, "--since=2019-12"], all), `${file} --since 2019-12`).toEqual(since201912);
    }
    const counted = async (file: string, asOf: string) => {
      const { status, stdout, stderr } = await runPatterns(
        ["stats", file, "--as-of", asOf],
        (name) => all[name],
      );
      expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
      return stdout;
    };
    // The table says the time counted as of, as read.
    const asOf2010 = await counted("iso.csv", "2010-01-01");
    expect(asOf2010).toContain("counted as of 2010-01-01 (the bars after it");
    for (const file of Object.keys(all)) expect(await counted(file, "2010"), file).toBe(asOf2010);
    expect(await counted("ms.csv", "2010-06")).toBe(await counted("ms.csv", "2010-06-01"));
  });

  it("refuses one to three digits and five to seven, no year and no sensible epoch time, naming both readings", async () => {
    const refused = async (argv: string[]) => runPatterns(argv, () => "");
    expect(await refused(["scan", "a.csv", "--since", "201"])).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'patterns: --since: time "201" is no year (ISO 8601 writes one with four digits, as 2019) and, as epoch seconds, 1970-01-01T00:03:21Z; write a year, a month (2019-06), a date or an epoch time of more digits\n',
    });
    expect((await refused(["stats", "a.csv", "--as-of", "7"])).stderr).toContain(
      'patterns: --as-of: time "7" is no year (ISO 8601 writes one with four digits, as 2019) and, as epoch seconds, 1970-01-01T00:00:07Z;',
    );
    // A year with a digit too many: as epoch seconds, April 1970.
    expect((await refused(["scan", "a.csv", "--since", "2019011"])).stderr).toBe(
      'patterns: --since: time "2019011" is no year (ISO 8601 writes one with four digits, as 2019) and, as epoch seconds, 1970-01-24T08:50:11Z; write a year, a month (2019-06), a date or an epoch time of more digits\n',
    );
    expect((await refused(["stats", "a.csv", "--as-of", "20190"])).stderr).toContain(
      'patterns: --as-of: time "20190" is no year',
    );
    expect((await refused(["scan", "a.csv", "--since", "2019-13"])).stderr).toBe(
      'patterns: --since: time "2019-13" is not a month on the calendar\n',
    );
    expect((await refused(["stats", "a.csv", "--as-of", "2019-00"])).stderr).toBe(
      'patterns: --as-of: time "2019-00" is not a month on the calendar\n',
    );
  });
});
