// What `patterns scan` prints for a series: the table, and JSON Lines with --json.

import { describe, expect, it } from "vitest";
import { run } from "./command-runs";

describe("patterns scan", () => {
  it("prints a table with names, times as given, confidence and counts per code", async () => {
    const { status, stdout } = await run(["scan", "hs.csv"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^code\s+name\s+start\s+end\s+detectedAt\s+confidence$/m);
    expect(stdout).toMatch(/^HS\s+head-and-shoulders\s+2020-01-07\s+2020-02-04\s+2020-02-07\s+\d+$/m);
    expect(stdout).toMatch(/^1 detection in 38 bars: HS 1$/m);
  });

  it("prints JSON Lines with --json, one detection per line", async () => {
    const { stdout } = await run(["scan", "-", "--json"]);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.find((d) => d.pattern === "HS")).toMatchObject({
      start: "2020-01-07",
      end: "2020-02-04",
      detectedAt: "2020-02-07",
    });
    for (const d of lines) expect(Object.keys(d)).toEqual(expect.arrayContaining(["pattern", "confidence"]));
  });
});
