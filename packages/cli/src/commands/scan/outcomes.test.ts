import { detectionRecord, parseBarsCsv, priceText, scanOutcomes } from "@stock-patterns/core";
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

  it("prints each target as the console shows it: to the cent from 10,000 up", async () => {
    // The bundled series' first 400 bars at 31 and 1,000 times their prices (the Dow's scale, and above):
    // the same detections, each target 31 or 1,000 times as high.
    const spx = (await readSpx()).trim().split("\n").slice(0, 401);
    const scaled = (factor: number) =>
      [
        spx[0],
        ...spx.slice(1).map((line) => {
          const [date, ...cells] = line.split(",");
          return [date, ...cells.map((cell, i) => (i < 5 ? String(Number(cell) * factor) : cell))].join(",");
        }),
      ].join("\n");
    const targets = async (factor: number) => {
      const { stdout } = await scan(["dow.csv", "--outcomes", "--format", "csv"], {
        "dow.csv": scaled(factor),
      });
      return stdout
        .trim()
        .split("\n")
        .slice(1)
        .map((row) => row.split(",").at(-1));
    };
    // The first detection, an inverse head-and-shoulders of 2000-03-10: its target 1484.980103 scaled.
    expect((await targets(31))[0]).toBe("46034.38");
    expect((await targets(1000))[0]).toBe("1484980.1");
    // Every target, as core's priceText writes it (the console's formatPrice) from the JSON line's.
    const { stdout } = await scan(["dow.csv", "--outcomes", "--json"], { "dow.csv": scaled(31) });
    const followed = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).outcome.target as number | null);
    expect(followed.filter((target) => target !== null).length).toBeGreaterThan(20);
    expect(await targets(31)).toEqual(followed.map((target) => (target === null ? "-" : priceText(target))));
    // From 1e21 up, in digits as well, in CSV and in the table: JavaScript's own text of such a number had
    // an exponent (1.484980103e+21), or 17 digits and one (1.1146300059999996e+22).
    for (const factor of [1e18, 1e19, 1e20]) {
      const huge = await targets(factor);
      expect(huge.filter((target) => target !== "-").length).toBeGreaterThan(20);
      for (const target of huge) expect(target, `x${factor}`).toMatch(/^(\d+(\.\d+)?|-)$/);
      const table = await scan(["big.csv", "--outcomes"], { "big.csv": scaled(factor) });
      const cells = table.stdout.match(/ \d+ +(target|failed|stalled|expired|open) +(up|down|-).*$/gm) ?? [];
      expect(cells.length).toBe(huge.length);
      for (const [i, row] of cells.entries()) expect(row.split(/ +/).at(-1), `x${factor}`).toBe(huge[i]);
    }
    expect((await targets(1e18))[0]).toBe("1484980103000000000000");
  });
});
