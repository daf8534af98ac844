// A bar's cell that cannot be read or is out of range, refused on one line of stderr naming its row, exit 2.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { csv, inTempDir, run } from "./command-runs";

describe("patterns scan", () => {
  it("answers bad input with one line on stderr and status 2", async () => {
    const bad = await run(["scan", "bad.csv"], "Date,Close\n2020-01-02,1\n2020-01-03,x\n");
    expect(bad).toEqual({
      status: 2,
      stdout: "",
      stderr: 'patterns: bad.csv: row 3: close "x" is not a number\n',
    });
    expect((await run(["scan", "missing.csv"])).stderr).toBe(
      "patterns: cannot read missing.csv: no such file\n",
    );
    expect((await run(["scan", "-"], "[1,")).stderr).toMatch(
      /^patterns: -: the input is not valid JSON: .+\n$/,
    );
    // JSON's own message quotes the text at the mistake: a control character or an override in it is
    // shown escaped, on the message's one line.
    for (const [text, escaped] of [
      ["[\u001b[2K", "\\u001b"],
      ["[1,\u202e]", "\\u202e"],
    ]) {
      const { stderr } = await run(["scan", "-"], text);
      expect(stderr).toMatch(/^patterns: -: the input is not valid JSON: "[^\n]+"\n$/);
      expect(stderr).toContain(escaped);
      expect([...stderr].filter((char) => "\u001b\u202e".includes(char))).toEqual([]);
    }
    expect((await run(["scan"])).status).toBe(2);
    expect(await run(["scan", "us.csv"], "Date,Close\n01/02/2020,1\n")).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^patterns: us\.csv: row 2: time "01\/02\/2020" is not an ISO 8601 date/),
    });
    const read = await run(
      ["scan", "us.csv", "--date-format", "MM/DD/YYYY", "--json"],
      csv.replace(/(\d{4})-(\d{2})-(\d{2})/g, "$2/$3/$1"),
    );
    expect(read.stdout).toContain('"start":"2020-01-07"');
  });

  it(
    "quotes a bad cell within the error's one line, escaped and cut, however the cell is written",
    async () => {
      const long = "9".repeat(2_000).concat("x");
      const bad: [file: string, text: string, said: string][] = [
        ["nl.csv", 'Date,Close\n2020-01-02,1\n2020-01-03,"1\n2"\n', 'row 3: close "1\\n2" is not a number'],
        ["cr.csv", 'Date,Close\n"2020-01-02\rx",1\n', 'row 2: time "2020-01-02\\rx" is not an ISO 8601'],
        [
          "long.csv",
          `Date,Close\n2020-01-02,${long}\n`,
          `row 2: close "${"9".repeat(40)}"... is not a number`,
        ],
        ["longtime.csv", `Date,Close\n${long},1\n`, `row 2: time "${"9".repeat(40)}"... is not an ISO 8601`],
        [
          "long.json",
          `[{"time":"2020-01-02","close":"${long}"}]`,
          `row 1: close "${"9".repeat(40)}"... is not`,
        ],
      ];
      for (const [file, text, said] of bad) {
        const { status, stdout, stderr } = await run(["scan", file], text);
        expect({ status, stdout }, file).toEqual({ status: 2, stdout: "" });
        expect(stderr, file).toContain(`patterns: ${file}: ${said}`);
        expect(stderr.split("\n"), file).toHaveLength(2);
        expect(stderr.length, file).toBeLessThan(200);
      }
      // The same from a file on disk, which the column reader declines to the reader that names the row.
      await inTempDir(async (dir) => {
        writeFileSync(join(dir, "HUGE.csv"), `Date,Close\n2020-01-02,1\n2020-01-03,"${long.repeat(500)}"\n`);
        const read = spawnSync(process.execPath, [bin, "scan", join(dir, "HUGE.csv")], { encoding: "utf8" });
        expect(read.status).toBe(2);
        expect(read.stderr).toBe(
          `patterns: ${join(dir, "HUGE.csv")}: row 3: close "${"9".repeat(40)}"... is not a number\n`,
        );
      });
    },
    PROCESS_TIMEOUT,
  );
});

describe("patterns without a command", () => {
  it(
    "names a refused number as its cell is written, not as the number it reads as",
    async () => {
      const good = "2020-01-02,10,10,10,10,100";
      const cases: [string, string][] = [
        ["-0,10,10,10,100", "close -0 is not positive"],
        ["10,-0,10,10,100", "open -0 is not positive"],
        ["10,10,-0.00,10,100", "high -0.00 is not positive"],
        ["10,10,10, -0 ,100", "low -0 is not positive"],
        ["10,10,10,10,-1.50", "volume -1.50 is negative"],
        ["1e400,10,10,10,100", "close 1e400 is not a finite number"],
        ["10,10,10,10,2e30", "volume 2e30 is outside the range a volume may take (0, or 1e-30 to 1e+30)"],
      ];
      await inTempDir(async (dir) => {
        for (const [cells, refusal] of cases) {
          const text = `Date,Close,Open,High,Low,Volume\n${good}\n2020-01-03,${cells}\n`;
          const said = (file: string) => `patterns: ${file}: row 3: ${refusal}\n`;
          expect(await run(["scan", "bad.csv"], text), cells).toEqual({
            status: 2,
            stdout: "",
            stderr: said("bad.csv"),
          });
          // The compiled process, whose column reader takes a real file (and leaves a refused cell to the general one).
          const file = join(dir, "BAD.csv");
          writeFileSync(file, text);
          const process_ = spawnSync(process.execPath, [bin, "scan", file, "--json"], { encoding: "utf8" });
          expect([process_.status, process_.stdout, process_.stderr], cells).toEqual([2, "", said(file)]);
        }
        // A JSON file's -0, whose text JSON.parse does not keep: named by its sign.
        const file = join(dir, "BAD.json");
        writeFileSync(file, '[{"time":"2020-01-02","close":10},{"time":"2020-01-03","close":-0}]');
        const process_ = spawnSync(process.execPath, [bin, "scan", file, "--json"], { encoding: "utf8" });
        expect([process_.status, process_.stderr]).toEqual([
          2,
          `patterns: ${file}: row 2: close -0 is not positive\n`,
        ]);
      });
    },
    PROCESS_TIMEOUT,
  );

  it("refuses a close that is not positive, as the API and the stream do", async () => {
    const bad = await run(["scan", "bad.csv"], "Date,Close\n2020-01-02,1\n2020-01-03,-2\n");
    expect(bad).toEqual({
      status: 2,
      stdout: "",
      stderr: "patterns: bad.csv: row 3: close -2 is not positive\n",
    });
  });
});
