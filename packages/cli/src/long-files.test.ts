// A long file (a Symbol column) prints what the folder of its symbols' files prints.

import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { barCsv } from "../bench/files";
import { PROCESS_TIMEOUT } from "../test/bin";
import { inTempDir, run, scanned } from "./command-runs";

describe("patterns scan", () => {
  it("prints each line of a long file's symbols once, when the writes of its lines are not known done", async () => {
    // run's stdout answers undefined, as a queued write does: printed as each symbol is scanned, then not again.
    const [a, b] = [barCsv(3_000, 1), barCsv(3_000, 2)];
    const rows = (symbol: string, text: string) =>
      text
        .trim()
        .split("\n")
        .slice(1)
        .map((row) => `${symbol},${row}`);
    const header = `Symbol,${a.slice(0, a.indexOf("\n"))}`;
    const long = `${header}\n${[...rows("A", a), ...rows("B", b)].join("\n")}\n`;
    const each = [
      (await run(["scan", "-", "--json"], a)).stdout,
      (await run(["scan", "-", "--json"], b)).stdout,
    ];
    const { stdout } = await run(["scan", "long.csv", "--json"], long);
    const lines = stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(500);
    expect(lines).toHaveLength(each.join("").trim().split("\n").length);
  });

  it(
    "prints for a long file (a Symbol column) what the folder of its symbols' files prints, lines as they fill",
    () =>
      inTempDir((dir) => {
        const folder = mkdtempSync(join(dir, "symbols-"));
        const rows: string[][] = [];
        for (let k = 0; k < 20; k++) {
          const symbol = `S${String(k).padStart(2, "0")}`;
          // 4.4 MB in all: past the size a long file is cut by symbol from (symbol-rows.ts).
          const text = barCsv(3_500, k);
          writeFileSync(join(folder, `${symbol}.csv`), text);
          rows.push(
            text
              .trim()
              .split("\n")
              .slice(1)
              .map((line) => `${symbol},${line}`),
          );
        }
        // One symbol's rows after another's, and the rows by date, then symbol.
        const head = "Symbol,Date,Open,High,Low,Close,Adj Close,Volume\n";
        const long = join(dir, "LONG.csv");
        const byDate = join(dir, "BY-DATE.csv");
        writeFileSync(long, `${head}${rows.flat().join("\n")}\n`);
        const dealt = rows[0]?.flatMap((_, i) => rows.map((symbol) => symbol[i]));
        writeFileSync(byDate, `${head}${dealt?.join("\n")}\n`);
        for (const options of [["--json"], ["--format", "csv", "--outcomes"], ["--min-confidence", "70"]]) {
          const expected = scanned(folder, ...options, "--jobs", "1");
          expect(expected.split("\n").length, options.join(" ")).toBeGreaterThan(20);
          expect(scanned(long, ...options), options.join(" ")).toBe(expected);
          expect(scanned(byDate, ...options), options.join(" ")).toBe(expected);
        }
      }),
    PROCESS_TIMEOUT,
  );
});
