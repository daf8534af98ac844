// A file's name in an error line, where a terminal reads it: a line break or ESC in the name is shown
// escaped, in the quotes cells are quoted in, so that a name cannot forge lines (or colours, or a title) of
// its own; a plain name is shown as it is.
import { matchedLiterally } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { runPatterns } from "../../../test/run";

const BAD = "Date,Close\n2020-01-02,1\n2020-01-03,x\n";
/** A directory whose name forges a line of its own, then wipes the line it is on (ESC [2K). */
const FORGED = "universe\npatterns: all 500 files scanned\u001b[2K";
/** FORGED as a message shows it. */
const SHOWN = '"universe\\npatterns: all 500 files scanned\\u001b[2K';

/** `patterns COMMAND ARGS` over `files`, FORGED listing `listed`. */
const run = (argv: string[], files: Record<string, string>, listed?: string[]) =>
  runPatterns(
    argv,
    (file) => files[file],
    async (path) => (path === FORGED && listed ? { files: listed } : undefined),
  );

describe("a file name in an error line", () => {
  it("is shown escaped when it holds a control character, for scan and stats alike", async () => {
    for (const command of ["scan", "stats"]) {
      expect(await run([command, `${FORGED}/AAA.csv`], { [`${FORGED}/AAA.csv`]: BAD })).toMatchObject({
        status: 2,
        stderr: `patterns: ${SHOWN}/AAA.csv": row 3: close "x" is not a number\n`,
      });
      expect((await run([command, `${FORGED}/GONE.csv`], {})).stderr).toBe(
        `patterns: cannot read ${SHOWN}/GONE.csv": no such file\n`,
      );
      expect((await run([command, FORGED], {}, ["notes.md"])).stderr).toBe(
        `patterns: ${SHOWN}" holds no .csv, .json or .txt files\n`,
      );
    }
    const twice = `${FORGED}/AAA.csv`;
    expect((await run(["scan", twice, twice], {})).stderr).toBe(
      `patterns: ${SHOWN}/AAA.csv" is given twice\n`,
    );
    expect((await run(["scan", twice, "aaa.csv"], {})).stderr).toMatch(
      new RegExp(`^patterns: ${matchedLiterally(SHOWN)}/AAA\\.csv" and aaa\\.csv both give the symbol AAA`),
    );
    // DEL and the C1 controls (an 8-bit CSI, U+009B) too, which JSON's escapes leave as they are.
    expect((await run(["scan", "a\u009b2J\u007f.csv"], {})).stderr).toMatch(
      /^patterns: "a\\u009b2J\\u007f\.csv": symbol must be/,
    );
  });

  it("is shown escaped when it holds a bidirectional override or isolate, as are arguments and cells", async () => {
    // U+202E shows what follows it right to left: "AAA\u202Evsc.txt" reads "AAAtxt.csv" on a terminal.
    const bidi = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
    for (const mark of bidi) {
      const code = `\\u${mark.charCodeAt(0).toString(16)}`;
      for (const command of ["scan", "stats"])
        expect((await run([command, `d${mark}/AAA.csv`], { [`d${mark}/AAA.csv`]: BAD })).stderr).toBe(
          `patterns: "d${code}/AAA.csv": row 3: close "x" is not a number\n`,
        );
      expect((await run(["scan", `AAA${mark}vsc.txt`], {})).stderr).toMatch(
        new RegExp(`^patterns: "AAA${matchedLiterally(code)}vsc\\.txt": symbol must be`),
      );
      expect((await run(["scan", "--format", `csv${mark}`, "AAA.csv"], {})).stderr).toBe(
        `patterns: --format needs one of table, jsonl, csv, got "csv${code}" (did you mean csv?)\n`,
      );
      expect((await run(["stats", `--json${mark}`, "AAA.csv"], {})).stderr).toBe(
        // The mark is no letter of a name: the option meant is said too.
        `patterns: unknown option "--json${code}" (did you mean --json?)\n`,
      );
      expect(
        (await run(["scan", "AAA.csv"], { "AAA.csv": `Date,Close\n2020-01-02,${mark}1\n` })).stderr,
      ).toBe(`patterns: AAA.csv: row 2: close "${code}1" is not a number\n`);
    }
    // A mark right-to-left text needs (U+200F) is no override, but shows nothing: such a name is shown
    // escaped, its letters as they are.
    const hebrew = "\u05e9\u05dc\u05d5\u05dd\u200f/AAA.csv";
    expect((await run(["scan", hebrew], {})).stderr).toBe(
      'patterns: cannot read "\u05e9\u05dc\u05d5\u05dd\\u200f/AAA.csv": no such file\n',
    );
  });

  it("of a folder that cannot be listed is named escaped, status 2, for scan and stats alike", async () => {
    // As main.ts's readdirSync throws it, for a folder this user may not read: the name raw in its message.
    const refused = async (path: string) => {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: "EACCES" });
    };
    for (const command of ["scan", "stats"])
      expect(await runPatterns([command, FORGED], () => undefined, refused)).toEqual({
        status: 2,
        stdout: "",
        stderr: `patterns: cannot read ${SHOWN}": permission denied\n`,
      });
  });

  it("is shown as it is when it holds none, blanks and quotes included", async () => {
    expect((await run(["scan", 'my "old" dir/AAA.csv'], {})).stderr).toBe(
      'patterns: cannot read my "old" dir/AAA.csv: no such file\n',
    );
  });
});

/** `text` as a RegExp matches it literally. */
