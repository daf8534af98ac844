import { detectionRecord, parseBarsCsv, scanOutcomes } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { readSpx, runPatterns } from "../../../test/run";
import { HS_PIVOTS, plantedCsv } from "../../../test/series";

// The planted head-and-shoulders, then a fall through its floor (90) to its target (70): bars 38..60.
const HS_THEN_TARGET = plantedCsv([...HS_PIVOTS, [45, 89], [60, 69]]);

/** `files` by name; any other file is the bundled S&P 500 series. */
const scan = (argv: string[], files: Record<string, string> = {}) =>
  runPatterns(["scan", ...argv], (file) => files[file] ?? readSpx());

describe("patterns scan --outcomes", () => {
  it("adds each detection's outcome to its JSON line, as the engine computes it", async () => {
    const { status, stdout } = await scan(["spx.csv", "--outcomes", "--json"]);
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const expected = scanOutcomes(parseBarsCsv(await readSpx()));
    expect(lines).toEqual(expected.map((d) => ({ symbol: "SPX", ...detectionRecord(d) })));
    expect(lines[0].outcome).toEqual(
      expect.objectContaining({ status: expect.any(String), returns: expect.any(Object) }),
    );
  });

  it("gives the table status, breakout and target columns and counts how detections ended", async () => {
    const { stdout } = await scan(["hs.csv", "--outcomes"], { "hs.csv": HS_THEN_TARGET });
    expect(stdout).toMatch(
      /^code\s+name\s+start\s+end\s+detectedAt\s+confidence\s+status\s+breakout\s+target$/m,
    );
    expect(stdout).toMatch(
      /^HS\s+head-and-shoulders\s+2020-01-07\s+2020-02-04\s+2020-02-07\s+\d+\s+target\s+down 2020-02-13\s+70$/m,
    );
    expect(stdout).toMatch(/^outcomes: .*target \d+/m);
  });

  it("adds the same three columns to CSV, and nothing without the option", async () => {
    const csv = await scan(["hs.csv", "--outcomes", "--format", "csv"], { "hs.csv": HS_THEN_TARGET });
    const [header, ...rows] = csv.stdout.trim().split("\n");
    expect(header).toBe("symbol,pattern,name,start,end,detectedAt,confidence,status,breakout,target");
    expect(rows.find((row) => row.includes(",HS,"))).toMatch(/,target,down 2020-02-13,70$/);
    const plain = await scan(["hs.csv", "--json"], { "hs.csv": HS_THEN_TARGET });
    expect(plain.stdout).not.toContain('"outcome"');
  });
});
