// A symbol in the CLI is the one the API stores (core's storedSymbol: upper case), whatever case its file's
// name or Symbol cell writes it in: printed so, and two inputs that write one symbol in two cases refused
// as two inputs of one symbol are.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { symbolSchema } from "@stock-patterns/core/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { plantedBars } from "../../../../core/test/planted";
import { writeLongUniverse } from "../../../bench/files";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "../../../test/bin";
import { runPatterns } from "../../../test/run";
import { HS_PIVOTS, IHS_PIVOTS, plantedCsv } from "../../../test/series";
import { PART_BYTES } from "./parts";

const dir = mkdtempSync(join(tmpdir(), "patterns-case-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HS = plantedCsv(HS_PIVOTS);
const IHS = plantedCsv(IHS_PIVOTS);

/** A long file with a Symbol column: the planted series under each of `symbols`, one after another. */
const longCsv = (symbols: string[]) =>
  `Symbol,Date,Close\n${symbols
    .flatMap((symbol, k) =>
      plantedBars(k % 2 ? IHS_PIVOTS : HS_PIVOTS).map((bar) => `${symbol},${bar.time},${bar.close}`),
    )
    .join("\n")}\n`;

/** `patterns ARGS...` over `files` held in memory. */
const run = (args: string[], files: Record<string, string>) => runPatterns(args, (file) => files[file]);

describe("a symbol written in lower case", () => {
  it("is printed as the API stores it, from a file's name or a Symbol cell, in every format", async () => {
    const files = { "brk.b.csv": HS, "d/msft.csv": IHS, "long.csv": longCsv(["aapl", "^gspc"]) };
    const inputs = ["brk.b.csv", "d/msft.csv", "long.csv"];
    const json = await run(["scan", ...inputs, "--json"], files);
    expect([json.status, json.stderr]).toEqual([0, ""]);
    const symbols = [
      ...new Set(
        json.stdout
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line).symbol),
      ),
    ];
    expect(symbols).toEqual(["brk.b", "msft", "aapl", "^gspc"].map((s) => symbolSchema.parse(s)));
    expect(symbols).toEqual(["BRK.B", "MSFT", "AAPL", "^GSPC"]);
    const csv = await run(["scan", ...inputs, "--format", "csv"], files);
    const firstCells = csv.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect([...new Set(firstCells)]).toEqual(symbols);
    const table = await run(["scan", ...inputs], files);
    // The rows: those before the blank line that ends them, each starting with its symbol.
    const rows = table.stdout.split("\n\n")[0]?.split("\n").slice(1) ?? [];
    expect(rows.length).toBeGreaterThan(3);
    expect([...new Set(rows.map((line) => line.split(" ")[0]))]).toEqual(symbols);
  });

  it("is another file's symbol in upper case: scan and stats refuse the two before any output", async () => {
    const files = { "d1/aapl.csv": HS, "d2/AAPL.csv": IHS, "long.csv": longCsv(["MSFT", "Aapl"]) };
    const refusal = (first: string, second: string) =>
      `patterns: ${first} and ${second} both give the symbol AAPL: its results would mix two series (rename one, or give them in separate runs)\n`;
    for (const command of ["scan", "stats"]) {
      expect(await run([command, "d1/aapl.csv", "d2/AAPL.csv"], files), command).toEqual({
        status: 2,
        stdout: "",
        stderr: refusal("d1/aapl.csv", "d2/AAPL.csv"),
      });
      // A Symbol column's Aapl, known only as its file is read: refused then, d2/AAPL.csv's lines held.
      expect(await run([command, "d2/AAPL.csv", "long.csv", "--json"], files), command).toEqual({
        status: 2,
        stdout: "",
        stderr: refusal("d2/AAPL.csv", "long.csv"),
      });
    }
  });

  it("is refused when one Symbol column writes it two ways, as two series of one symbol", async () => {
    const files = { "long.csv": longCsv(["aapl", "AAPL"]) };
    for (const command of ["scan", "stats"])
      expect(await run([command, "long.csv", "--json"], files), command).toEqual({
        status: 2,
        stdout: "",
        stderr:
          "patterns: long.csv gives the symbol AAPL as both aapl and AAPL: its results would mix two series (write it one way)\n",
      });
  });

  it(
    "is refused in a long file cut by symbol over threads before anything is printed",
    () => {
      const universe = writeLongUniverse(dir, 20, 4000);
      // SYM005's first 2,000 rows written sym005: two runs of rows, one symbol.
      let lower = 0;
      const text = readFileSync(universe, "latin1").replace(/^SYM005,/gm, (cell) =>
        lower++ < 2000 ? cell.toLowerCase() : cell,
      );
      const long = join(dir, "MIXED.csv");
      writeFileSync(long, text, "latin1");
      expect(statSync(long).size).toBeGreaterThanOrEqual(PART_BYTES);
      for (const command of ["scan", "stats"]) {
        const ran = spawnSync(process.execPath, [PATTERNS_BIN, command, long, "--json", "--jobs", "2"], {
          encoding: "utf8",
          maxBuffer: 1 << 28,
        });
        expect([ran.status, ran.stdout, ran.stderr], command).toEqual([
          2,
          "",
          `patterns: ${long} gives the symbol SYM005 as both sym005 and SYM005: its results would mix two series (write it one way)\n`,
        ]);
      }
    },
    PROCESS_TIMEOUT,
  );
});
