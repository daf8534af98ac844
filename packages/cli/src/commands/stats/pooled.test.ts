// Issue 9's "several files are pooled; each file is one series", and issue 13's ways of giving many series
// (FILE..., DIR, a long file with a Symbol column): stats must count each symbol as its own series.

import { describe, expect, it } from "vitest";
import { readSpx, runPatterns } from "../../../test/run";

describe("patterns stats over many series", () => {
  it("pools the series of a Symbol column as it pools the same series in files, or in a DIR", async () => {
    const [header, ...rows] = (await readSpx()).trimEnd().split("\n");
    // Two symbols, one after the other in time: read as one series they would make a single valid one.
    const first = rows.slice(0, 2500);
    const second = rows.slice(2500);
    const files: Record<string, string> = {
      "universe/A.csv": `${[header, ...first].join("\n")}\n`,
      "universe/B.csv": `${[header, ...second].join("\n")}\n`,
      "long.csv": `${[
        `Symbol,${header}`,
        ...first.map((row) => `A,${row}`),
        ...second.map((row) => `B,${row}`),
      ].join("\n")}\n`,
    };
    const stats = (...argv: string[]) =>
      runPatterns(
        ["stats", ...argv, "--json"],
        (file) => files[file],
        async (path) => (path === "universe" ? { files: ["B.csv", "A.csv"] } : undefined),
      );
    const inFiles = await stats("universe/A.csv", "universe/B.csv");
    expect(inFiles.status).toBe(0);
    const hs = JSON.parse(inFiles.stdout.split("\n")[0] ?? "null");
    // Each series' own one-bar returns: 2,499 and 2,604, none across the two.
    expect(hs.horizons["1"].baseline.n).toBe(2499 + 2604);
    expect(await stats("long.csv")).toEqual(inFiles);
    expect(await stats("universe")).toEqual(inFiles);
    // With --as-of too, and in the table's count of series.
    expect(await stats("long.csv", "--as-of", "2012-06-30")).toEqual(
      await stats("universe/A.csv", "universe/B.csv", "--as-of", "2012-06-30"),
    );
    const table = await runPatterns(["stats", "long.csv"], (file) => files[file]);
    expect(table.stdout).toContain("2 series, 5105 bars, at the end of the data.");
  });
});
