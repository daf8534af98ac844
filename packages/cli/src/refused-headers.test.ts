// A CSV header that would read the wrong column (an unseen character, a field named twice), refused naming
// its cells.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { csv, inTempDir, run } from "./command-runs";

describe("patterns scan", () => {
  it(
    "refuses a header whose used name has a character that shows nothing around or inside it, naming the cell",
    async () => {
      // "Symbol\u200b" was no Symbol column: the long file was read as one series named by its file, and
      // refused at row 4 for a time not after row 3's (B's first bar after A's last). A Close or Date so
      // written was refused as missing, the header's cells quoted after.
      const long = "A,2020-01-01,1\nA,2020-01-02,2\nB,2020-01-01,3\n";
      const files: [name: string, text: string, cell: string][] = [
        ["after.csv", `Symbol\u200b,Date,Close\n${long}`, '"Symbol\\u200b"'],
        ["inside.csv", `Sym\u2060bol,Date,Close\n${long}`, '"Sym\\u2060bol"'],
        ["close.csv", "Date,Clo\u00adse\n2020-01-01,1\n", '"Clo\\u00adse"'],
        ["date.csv", "\ufeff\u034fDate,Close\n2020-01-01,1\n", '"\\u034fDate"'],
      ];
      await inTempDir((dir) => {
        for (const [name, text, cell] of files) {
          writeFileSync(join(dir, name), text);
          const read = spawnSync(process.execPath, [bin, "scan", join(dir, name)], { encoding: "utf8" });
          expect({ status: read.status, stdout: read.stdout }, name).toEqual({ status: 2, stdout: "" });
          expect(read.stderr, name).toMatch(
            new RegExp(
              `^patterns: ${join(dir, name)}: row 1: the header's ${cell.replaceAll("\\", "\\\\")} `,
            ),
          );
          expect(read.stderr.split("\n"), name).toHaveLength(2);
        }
      });
    },
    PROCESS_TIMEOUT,
  );
});

describe("patterns without a command", () => {
  it(
    "refuses a header that names one bar field twice, naming both columns, however the file is read",
    async () => {
      // A second Close column was passed over: its "x" cells never read, whichever column was meant.
      const [header, ...rows] = csv.trimEnd().split("\n");
      const twice = `${header},close\n${rows.map((row) => `${row},x`).join("\n")}\n`;
      const said = (file: string) =>
        `patterns: ${file}: row 1: the header names close twice ("Close", column 2, and "close", column 3): one would be read and the other not (its cells split at ",", as detected among , ; and tab: "Date", "Close", "close")\n`;
      expect(await run(["scan", "hs.csv", "--json"], twice)).toEqual({
        status: 2,
        stdout: "",
        stderr: said("hs.csv"),
      });
      // The compiled process, whose column reader takes a real file.
      await inTempDir((dir) => {
        const file = join(dir, "HS.csv");
        writeFileSync(file, twice);
        const process_ = spawnSync(process.execPath, [bin, "scan", file, "--json"], { encoding: "utf8" });
        expect([process_.status, process_.stdout, process_.stderr]).toEqual([2, "", said(file)]);
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuses a header with two Symbol columns with the cells it split, as its other refusals",
    async () => {
      const twice = "Symbol,Date,Close,symbol\nA,2020-01-02,10,B\nA,2020-01-03,11,B\n";
      const said = (file: string) =>
        `patterns: ${file}: row 1: the header names symbol twice ("Symbol", column 1, and "symbol", column 4): one would be read and the other not (its cells split at ",", as detected among , ; and tab: "Symbol", "Date", "Close", "symbol")\n`;
      for (const command of ["scan", "stats"])
        expect(await run([command, "ab.csv", "--json"], twice), command).toEqual({
          status: 2,
          stdout: "",
          stderr: said("ab.csv"),
        });
      await inTempDir((dir) => {
        const file = join(dir, "AB.csv");
        writeFileSync(file, twice);
        const process_ = spawnSync(process.execPath, [bin, "scan", file, "--json"], { encoding: "utf8" });
        expect([process_.status, process_.stdout, process_.stderr]).toEqual([2, "", said(file)]);
      });
    },
    PROCESS_TIMEOUT,
  );
});
