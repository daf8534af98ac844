// Text from the inputs that a terminal shows as nothing (the Arabic letter mark, zero-width characters, a
// byte order mark inside text, a line separator): a symbol holding one is refused as the API refuses it,
// and a file's name or a cell holding one is shown escaped on stderr, so the line says what is wrong; given
// as --delimiter, such a character (or a control one, or a combining mark) is refused.
// Through the compiled process, its stderr read as bytes.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SYMBOL_RULE } from "@stock-patterns/core";
import { symbolSchema } from "@stock-patterns/core/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "../../../test/bin";
import { HS_PIVOTS, plantedCsv } from "../../../test/series";

const dir = mkdtempSync(join(tmpdir(), "patterns-unseen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Characters that show nothing, each with the escape a message writes it as. */
const UNSEEN: [string, string][] = [
  ["\u061c", "\\u061c"],
  ["\u200b", "\\u200b"],
  ["\u200d", "\\u200d"],
  ["\u200f", "\\u200f"],
  ["\u2028", "\\u2028"],
  ["\u2060", "\\u2060"],
  ["\ufeff", "\\ufeff"],
  // Shown as nothing though not format characters (Unicode's default-ignorable marks and fillers).
  ["\u034f", "\\u034f"],
  ["\u3164", "\\u3164"],
  ["\ufe0f", "\\ufe0f"],
];

const HS = plantedCsv(HS_PIVOTS);

/** `patterns ARGS...` run in `dir`, its output as bytes read as UTF-8 (nothing decoded away). */
function patterns(args: string[]) {
  const run = spawnSync(process.execPath, [PATTERNS_BIN, ...args], { cwd: dir });
  return { status: run.status, stdout: run.stdout.toString("utf8"), stderr: run.stderr.toString("utf8") };
}

describe("a character that shows nothing, in the inputs", () => {
  it(
    "in a file's name is refused in the symbol it gives, as the API refuses it, the name shown escaped",
    () => {
      for (const [unseen, written] of UNSEEN) {
        expect(symbolSchema.safeParse(`AA${unseen}PL`).success).toBe(false);
        writeFileSync(join(dir, `AA${unseen}PL.csv`), HS);
        for (const command of ["scan", "stats"])
          expect(patterns([command, `AA${unseen}PL.csv`])).toEqual({
            status: 2,
            stdout: "",
            stderr: `patterns: "AA${written}PL.csv": ${SYMBOL_RULE} (its name gives "AA${written}PL"; rename the file)\n`,
          });
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "in a Symbol cell is refused at its row, the cell shown escaped, with nothing of it on stdout in any format",
    () => {
      for (const [unseen, written] of UNSEEN) {
        writeFileSync(join(dir, "universe.csv"), `Symbol,Date,Close\nA${unseen}B,2020-01-02,1\n`);
        const refused = `patterns: universe.csv: row 2: ${SYMBOL_RULE} (the Symbol cell gives "A${written}B")\n`;
        for (const format of ["table", "jsonl", "csv"]) {
          const run = patterns(["scan", "universe.csv", "--format", format]);
          expect([run.status, run.stderr]).toEqual([2, refused]);
          expect(run.stdout).toBe("");
        }
        expect(patterns(["stats", "universe.csv"])).toEqual({ status: 2, stdout: "", stderr: refused });
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "in a cell or a folder's name is shown escaped in the bad row's line",
    () => {
      for (const [unseen, written] of UNSEEN) {
        mkdirSync(join(dir, `d${unseen}`), { recursive: true });
        writeFileSync(
          join(dir, `d${unseen}`, "AAA.csv"),
          `Date,Close\n2020-01-02,1\n2020-01-03,5${unseen}0\n`,
        );
        for (const command of ["scan", "stats"])
          expect(patterns([command, `d${unseen}`])).toEqual({
            status: 2,
            stdout: "",
            stderr: `patterns: "d${written}/AAA.csv": row 3: close "5${written}0" is not a number\n`,
          });
      }
    },
    PROCESS_TIMEOUT,
  );
});

describe("a cell padded with other than ASCII spaces and tabs", () => {
  /** What trim() took off a cell's ends besides spaces and tabs, each with the escape a message writes. */
  const PADDING: [string, string][] = [
    ["\u2028", "\\u2028"],
    ["\u2029", "\\u2029"],
    ["\ufeff", "\\ufeff"],
    ["\u000b", "\\u000b"],
    ["\u00a0", "\\u00a0"],
    ["\u3000", "\\u3000"],
  ];

  it(
    "is refused at its row, a close, a time (with --date-format or not) or a Symbol, the character escaped",
    () => {
      for (const [pad, written] of PADDING) {
        const cases: [string, string[], string][] = [
          [
            `Date,Close\n2020-01-02,4\n2020-01-03,5${pad}\n`,
            [],
            `row 3: close "5${written}" is not a number`,
          ],
          [
            `Date,Close\n2020-01-02,4\n2020-01-03,${pad}5\n`,
            [],
            `row 3: close "${written}5" is not a number`,
          ],
          [
            `Date,Close\n2020-01-02,4\n2020-01-03${pad},5\n`,
            [],
            `row 3: time "2020-01-03${written}" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds (--date-format reads others)`,
          ],
          [
            `Date,Close\n02/01/2020,4\n03/01/2020${pad},5\n`,
            ["--date-format", "DD/MM/YYYY"],
            `row 3: time "03/01/2020${written}" does not match --date-format DD/MM/YYYY`,
          ],
          [
            `Symbol,Date,Close\nAAA,2020-01-02,4\nAAA${pad},2020-01-03,5\n`,
            [],
            `row 3: ${SYMBOL_RULE} (the Symbol cell gives "AAA${written}")`,
          ],
        ];
        for (const [text, flags, reason] of cases) {
          writeFileSync(join(dir, "AAA.csv"), text);
          for (const command of ["scan", "stats"])
            expect(patterns([command, "AAA.csv", ...flags]), `${command} ${JSON.stringify(text)}`).toEqual({
              status: 2,
              stdout: "",
              stderr: `patterns: AAA.csv: ${reason}\n`,
            });
        }
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "is read when the padding is ASCII spaces and tabs",
    () => {
      writeFileSync(
        join(dir, "AAA.csv"),
        "Symbol,Date,Close\n AAA\t, 2020-01-02\t,\t4 \nAAA,2020-01-03 , 5\t\n",
      );
      const run = patterns(["scan", "AAA.csv", "--format", "csv"]);
      expect([run.status, run.stderr]).toEqual([0, ""]);
      expect(run.stdout).toBe("symbol,pattern,name,start,end,detectedAt,confidence\n");
    },
    PROCESS_TIMEOUT,
  );
});

describe("--delimiter", () => {
  /** Separators a reader of the file cannot see between its cells, each as the message writes it. */
  const REFUSED: [string, string][] = [
    ["\u001b", "\\u001b"],
    ["\u0085", "\\u0085"],
    ["\u009b", "\\u009b"],
    ["\u202e", "\\u202e"],
    ["\u2066", "\\u2066"],
    ["\u00a0", "\\u00a0"],
    ...UNSEEN,
  ];

  it(
    "refuses a control or format character, or a line separator, naming it escaped, before any file is read",
    () => {
      for (const [separator, written] of REFUSED)
        for (const command of ["scan", "stats"])
          expect(patterns([command, "NONE.csv", "--delimiter", separator])).toEqual({
            status: 2,
            stdout: "",
            stderr: `patterns: --delimiter needs a character that shows, or "tab", got "${written}" (a control or format character, another that shows nothing, a line separator, or a space other than U+0020, cannot be told apart between cells)\n`,
          });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuses a combining mark, which shows on the character before it, naming it by its code point",
    () => {
      // "Date\u0301Close" reads as one cell, Daté then Close: the separator is an accent on the e.
      const marks: [string, string][] = [
        ["\u0301", "U+0301"], // combining acute accent (Mn)
        ["\u0334", "U+0334"], // combining tilde overlay (Mn)
        ["\u20dd", "U+20DD"], // combining enclosing circle (Me)
        ["\u093e", "U+093E"], // Devanagari vowel sign AA (Mc)
      ];
      for (const [mark, point] of marks)
        for (const command of ["scan", "stats"])
          expect(patterns([command, "NONE.csv", "--delimiter", mark])).toEqual({
            status: 2,
            stdout: "",
            stderr: `patterns: --delimiter needs a character that shows, or "tab", got ${point} (a combining mark shows on the character before it, and cannot be told apart between cells)\n`,
          });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "takes a tab, written as itself or as tab, and a character that shows, ASCII or not",
    () => {
      const rows = HS.trim().split("\n");
      writeFileSync(join(dir, "hs.csv"), HS);
      const expected = patterns(["scan", "hs.csv", "--json"]);
      expect(expected.stdout).toMatch(/^\{"symbol":"HS","pattern":"HS",/);
      const taken: [string, string][] = [
        ["\t", "\t"],
        ["\t", "tab"],
        ["|", "|"],
        ["\u00a7", "\u00a7"],
        ["\u060c", "\u060c"], // the Arabic comma, beside the Arabic letter mark refused above
      ];
      for (const [separator, given] of taken) {
        writeFileSync(join(dir, "hs.txt"), `${rows.map((row) => row.replace(",", separator)).join("\n")}\n`);
        const run = patterns(["scan", "hs.txt", "--json", "--delimiter", given]);
        expect([run.status, run.stderr]).toEqual([0, ""]);
        expect(run.stdout).toBe(expected.stdout);
      }
    },
    PROCESS_TIMEOUT,
  );
});
