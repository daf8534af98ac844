// A JSON file whose bars name their symbols (a `symbol` key, in any case) holds one series a symbol, as a CSV
// file with a Symbol column does: scanned and pooled as the same bars in a file per symbol, its symbols
// claimed before any line of the run is printed, and a bar whose symbol is missing, breaks the API's rule
// or comes where the first bar named none refused at its row. Before, the key was passed over and the bars
// read as one series: `row 4,001: time "1900-01-01" is not after the previous bar's "1910-12-14"`.
// Real `patterns` processes.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SYMBOL_RULE } from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { barCsv } from "../../../bench/files";
import { LONG_PROCESS_TIMEOUT, PATTERNS_BIN } from "../../../test/bin";

const dir = mkdtempSync(join(tmpdir(), "patterns-json-symbols-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `patterns ARGS...` run in `dir`. */
const patterns = (...args: string[]) => {
  const ran = spawnSync(process.execPath, [PATTERNS_BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
};

type JsonBar = Record<string, unknown>;

/** `count` seeded daily bars as JSON bar objects (barCsv's). */
function jsonBars(count: number, seed: number): JsonBar[] {
  const [head = "", ...lines] = barCsv(count, seed).trimEnd().split("\n");
  const names = head.toLowerCase().split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    const at = (name: string) => cells[names.indexOf(name)] as string;
    return { time: at("date"), close: Number(at("close")), volume: Number(at("volume")) };
  });
}

const write = (name: string, bars: readonly JsonBar[]) => {
  writeFileSync(join(dir, name), JSON.stringify(bars));
  return name;
};

/** Two symbols' bars, interleaved a day at a time (by date, as a database export gives them). */
const AAA = jsonBars(4000, 7);
const BBB = jsonBars(4000, 8);
const BY_DATE = AAA.flatMap((bar, i) => [
  { Symbol: "AAA", ...bar },
  { Symbol: "BBB", ...(BBB[i] as JsonBar) },
]);

describe("JSON bars that name their symbols", () => {
  it(
    "are one series a symbol, in order of first appearance: scanned and pooled as a file per symbol",
    () => {
      write("AAA.json", AAA);
      write("BBB.json", BBB);
      write("by-date.json", BY_DATE);
      write("by-symbol.json", [
        ...BBB.map((bar) => ({ symbol: "bbb", ...bar })),
        ...AAA.map((bar) => ({ symbol: "aaa", ...bar })),
      ]);
      const apart = patterns("scan", "AAA.json", "BBB.json", "--json");
      expect(apart.status).toBe(0);
      const lines = apart.stdout.trimEnd().split("\n");
      expect(new Set(lines.map((line) => JSON.parse(line).symbol))).toEqual(new Set(["AAA", "BBB"]));
      for (const threads of [
        ["--jobs", "1"],
        ["--jobs", "2"],
      ])
        expect(patterns("scan", "by-date.json", "--json", ...threads), threads.join(" ")).toEqual(apart);
      // By symbol, BBB first: its lines first, as the symbols first appear.
      const bbbFirst = [
        ...lines.filter((line) => line.includes('"BBB"')),
        ...lines.filter((line) => line.includes('"AAA"')),
      ];
      expect(patterns("scan", "by-symbol.json", "--json").stdout).toBe(`${bbbFirst.join("\n")}\n`);
      expect(patterns("stats", "by-date.json", "--json")).toEqual(
        patterns("stats", "AAA.json", "BBB.json", "--json"),
      );
    },
    LONG_PROCESS_TIMEOUT,
  );

  it(
    "beside a file of one of their symbols, or naming one two ways: refused before any line is printed",
    () => {
      write("AAA.json", AAA);
      write("by-date.json", BY_DATE);
      const both = (first: string, second: string) =>
        `patterns: ${first} and ${second} both give the symbol AAA: its results would mix two series (rename one, or give them in separate runs)\n`;
      for (const threads of [
        ["--jobs", "1"],
        ["--jobs", "2"],
      ]) {
        expect(patterns("scan", "AAA.json", "by-date.json", "--json", ...threads)).toEqual({
          status: 2,
          stdout: "",
          stderr: both("AAA.json", "by-date.json"),
        });
        expect(patterns("scan", "by-date.json", "AAA.json", ...threads)).toEqual({
          status: 2,
          stdout: "",
          stderr: both("by-date.json", "AAA.json"),
        });
      }
      // BBB's first bar written bbb: its second spelling comes after AAA's and BBB's first lines.
      const twoWays = write(
        "two-ways.json",
        BY_DATE.map((bar, i) => (i === 3 ? { ...bar, Symbol: "bbb" } : bar)),
      );
      for (const threads of [
        ["--jobs", "1"],
        ["--jobs", "2"],
      ])
        expect(patterns("scan", twoWays, "--json", ...threads)).toEqual({
          status: 2,
          stdout: "",
          stderr: `patterns: two-ways.json gives the symbol BBB as both BBB and bbb: its results would mix two series (write it one way)\n`,
        });
    },
    LONG_PROCESS_TIMEOUT,
  );

  it(
    "refuse at its row a bar whose symbol is missing, not a string, off the rule or named where the first bar named none",
    () => {
      const bars = BY_DATE.slice(0, 6);
      const refused = (name: string, changed: JsonBar[], line: string) =>
        expect(patterns("scan", write(name, changed)), name).toEqual({
          status: 2,
          stdout: "",
          stderr: `patterns: ${name}: ${line}\n`,
        });
      const without = ({ Symbol: _, ...bar }: JsonBar) => bar;
      refused(
        "missing.json",
        bars.map((bar, i) => (i === 4 ? without(bar) : bar)),
        "row 5: symbol is missing",
      );
      refused(
        "empty.json",
        bars.map((bar, i) => (i === 4 ? { ...bar, Symbol: "" } : bar)),
        "row 5: symbol is missing",
      );
      refused(
        "number.json",
        bars.map((bar, i) => (i === 2 ? { ...bar, Symbol: 7 } : bar)),
        "row 3: symbol must be a string (the symbol key gives 7)",
      );
      refused(
        "rule.json",
        bars.map((bar, i) => (i === 2 ? { ...bar, Symbol: "A B" } : bar)),
        `row 3: ${SYMBOL_RULE} (the symbol key gives "A B")`,
      );
      refused(
        "late.json",
        bars.map((bar, i) => (i === 0 ? without(bar) : bar)),
        'row 2: symbol "BBB" where row 1 names none: a file\'s bars name their symbol in every bar or in none (a file whose bars name none is one series)',
      );
      refused(
        "unseen.json",
        bars.map((bar, i) => (i === 3 ? { ...without(bar), "Symbol\u200b": "BBB" } : bar)),
        'row 4: the key "Symbol\\u200b" is padded by a character other than a space or tab',
      );
      // A bar out of its series' order is named at its row of the file: BBB's third bar, the file's sixth.
      refused(
        "order.json",
        bars.map((bar, i) => (i === 5 ? { ...bar, time: "1899-12-31" } : bar)),
        'row 6: time "1899-12-31" is not after the previous bar\'s "1900-01-02"',
      );
    },
    LONG_PROCESS_TIMEOUT,
  );
});
