// Issue 13's CSV promises through the compiled process, whichever reader takes the file (the column reader a
// piece at a time, the full reader, parts on two threads): one series however its file is spelled, strict
// times refused with the file's row, and the same row named when a long file is cut into parts.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storedSymbol } from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { asJsonBars, barCsv, writtenByR } from "../../../bench/files";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../../../test/bin";
import { SPX_FILE } from "../../../test/run";
import { PART_BYTES } from "./parts";

const dir = mkdtempSync(join(tmpdir(), "patterns-spellings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` as `name` in a folder of its own (the symbol is the file's name), returning its path. */
function write(folder: string, name: string, text: string): string {
  mkdirSync(join(dir, folder), { recursive: true });
  const file = join(dir, folder, name);
  writeFileSync(file, text);
  return file;
}

const patterns = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });

/** The same CSV spelled the other ways issue 13 names: line ends, a byte order mark, separators, quotes. */
function spellings(text: string) {
  const lines = text.trimEnd().split("\n");
  return {
    crlf: `${lines.join("\r\n")}\r\n`,
    cr: `${lines.join("\r")}\r`,
    bom: `\uFEFF${text}`,
    semicolon: text.replaceAll(",", ";"),
    tab: text.replaceAll(",", "\t"),
    // As R's write.csv writes it: its names and its text column (the dates) quoted.
    rStyle: writtenByR(text),
    // A JSON array of the same bars, its numbers as the file writes them (Adj Close left out).
    json: asJsonBars(text),
    // Every field quoted, and a last column whose quoted cells hold the separator and a doubled quote.
    quoted: `${lines
      .map((line, i) => `${line.replace(/[^,]+/g, '"$&"')},${i === 0 ? "Note" : '"up, then ""down"""'}`)
      .join("\n")}\n`,
  };
}

describe("patterns scan and stats on files spelled every way", () => {
  it(
    "print for each spelling of the bundled series what they print for its plain file",
    () => {
      const plain = readFileSync(SPX_FILE, "utf8");
      const expected = patterns("scan", write("plain", "SPX.csv", plain), "--json");
      expect(expected.stdout.split("\n").length).toBeGreaterThan(500);
      // One process for them all (each file's output in the order of the arguments, however threaded),
      // each file named for its spelling: one symbol from two files is refused.
      const ways = Object.entries(spellings(plain));
      const files = ways.map(([way, text]) => write(way, `${way}.csv`, text));
      const expectedAs = (symbol: string) =>
        expected.stdout.replaceAll('{"symbol":"SPX"', `{"symbol":"${storedSymbol(symbol)}"`);
      expect(patterns("scan", ...files, "--json")).toMatchObject({
        status: 0,
        stdout: ways.map(([way]) => expectedAs(way)).join(""),
        stderr: "",
      });
      // Alone, a file is read a piece at a time by the column reader: CR LF breaks and R's quotes too.
      expect(patterns("scan", files[0] as string, "--json").stdout).toBe(expectedAs(ways[0]?.[0] ?? ""));
      for (const [way, text] of [
        ["r-alone", spellings(plain).rStyle],
        ["json-alone", spellings(plain).json],
      ] as const)
        expect(patterns("scan", write(way, "SPX.csv", text), "--json").stdout, way).toBe(expected.stdout);
      // A separator that is not detected is read when given; stats reads every spelling as scan does.
      const piped = write("pipe", "SPX.csv", plain.replaceAll(",", "|"));
      expect(patterns("scan", piped, "--json", "--delimiter", "|").stdout).toBe(expected.stdout);
      // Two plain files, each its own symbol (one file given twice is refused).
      const stats = patterns(
        "stats",
        join(dir, "plain", "SPX.csv"),
        write("plain", "INDEX.csv", plain),
        "--json",
      );
      expect(patterns("stats", files[0] as string, ...files.slice(-1), "--json").stdout).toBe(stats.stdout);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "print for a file of 4 MB or more, spelled another way, what one thread prints for it plain, in parts too",
    () => {
      const plain = barCsv(80_000, 7);
      expect(plain.length).toBeGreaterThan(PART_BYTES);
      const expected = patterns("scan", write("long", "LONG.csv", plain), "--json", "--jobs", "1");
      expect(expected.stdout.split("\n").length).toBeGreaterThan(1000);
      const { crlf, semicolon } = spellings(plain);
      for (const [way, text] of Object.entries({ crlf, semicolon }))
        expect(
          patterns("scan", write(`long-${way}`, "LONG.csv", text), "--json", "--jobs", "2"),
          way,
        ).toMatchObject({ status: 0, stdout: expected.stdout, stderr: "" });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuse a time that is not strict in one line naming the file's row, and read others with --date-format",
    () => {
      const rows = readFileSync(SPX_FILE, "utf8").trimEnd().split("\n");
      // Row 3000 of the file (its header is row 1), past the column reader's first piece of the file.
      const at = (time: string) => {
        const bad = [...rows];
        bad[2999] = `${time}${rows[2999]?.slice(10)}`;
        return write(`time-${time.replaceAll("/", "-")}`, "SPX.csv", `${bad.join("\n")}\n`);
      };
      for (const [time, why] of [
        ["2020-02-30", "is not a date on the calendar"],
        ["01/02/2020", "is not an ISO 8601 date or datetime"],
        ["0x10", "is not an ISO 8601 date or datetime"],
      ]) {
        const file = at(time as string);
        const refused = patterns("scan", file, "--json");
        expect([refused.status, refused.stdout], time).toEqual([2, ""]);
        expect(refused.stderr.split("\n")).toEqual([expect.stringMatching(/./), ""]);
        expect(
          refused.stderr.startsWith(`patterns: ${file}: row 3000: time "${time}" ${why}`),
          refused.stderr,
        ).toBe(true);
      }
      // Day/month/year times are read when told, and print as ISO 8601: the plain file's output.
      const european = rows.map((row, i) =>
        i === 0 ? row : row.replace(/^(\d{4})-(\d{2})-(\d{2})/, "$3/$2/$1"),
      );
      const file = write("european", "SPX.csv", `${european.join("\n")}\n`);
      expect(patterns("scan", file, "--json", "--date-format", "DD/MM/YYYY").stdout).toBe(
        patterns("scan", write("plain", "SPX.csv", `${rows.join("\n")}\n`), "--json").stdout,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuse a time whose instant is outside the years 0000 to 9999 in UTC, naming the row, in CSV and JSON",
    () => {
      // Such a time was read and printed as given (status 0), where POST /patterns and the stream refuse
      // it. With a zone offset it is not the column reader's: the full reader refuses it by core's rule.
      const rows = readFileSync(SPX_FILE, "utf8").trimEnd().split("\n");
      const last = rows.length;
      const cases = [
        [last, "9999-12-31T23:59:59-12:00", "+010000-01-01T11:59:59.000Z"],
        [2, "0000-01-01T00:00:00+01:00", "-000001-12-31T23:00:00.000Z"],
      ] as const;
      for (const [row, time, instant] of cases) {
        const bad = [...rows];
        bad[row - 1] = `${time}${rows[row - 1]?.slice(10)}`;
        const text = `${bad.join("\n")}\n`;
        const why = `row ${row}: time "${time}" is not a time from the year 0000 to 9999 in UTC (it is ${instant})`;
        for (const file of [
          write(`years-${row}`, "SPX.csv", text),
          write(`years-${row}-json`, "SPX.json", asJsonBars(text)),
        ]) {
          const json = file.endsWith(".json");
          expect(patterns("scan", file, "--json"), file).toMatchObject({
            status: 2,
            stdout: "",
            // JSON bars are counted from 1, without the header.
            stderr: `patterns: ${file}: ${json ? why.replace(/^row \d+/, `row ${row - 1}`) : why}\n`,
          });
        }
      }
      // The first and last instants of those years are times, and --since is held to the same rule.
      const edges = [...rows];
      edges[1] = `0000-01-01T00:00:00+00:00${rows[1]?.slice(10)}`;
      edges[last - 1] = `9999-12-31T12:00:00-11:59${rows[last - 1]?.slice(10)}`;
      expect(
        patterns("scan", write("years-edges", "SPX.csv", `${edges.join("\n")}\n`), "--json").status,
      ).toBe(0);
      const since = patterns("scan", SPX_FILE, "--since", "9999-12-31T23:59:59-12:00");
      expect([since.status, since.stderr]).toEqual([
        2,
        'patterns: --since: time "9999-12-31T23:59:59-12:00" is not a time from the year 0000 to 9999 in UTC (it is +010000-01-01T11:59:59.000Z)\n',
      ]);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuse a row of more cells than the header in one line naming the file's row, however the file is spelled",
    () => {
      const rows = readFileSync(SPX_FILE, "utf8").trimEnd().split("\n");
      // Row 3000's close with an unquoted thousands separator (1,400.5: two cells), and a trailing separator.
      for (const [what, spoil] of [
        ["thousands", (row: string) => row.replace(/^([^,]*,[^,]*,[^,]*,[^,]*,)(\d)/, "$1$2,")],
        ["trailing", (row: string) => `${row},`],
      ] as const) {
        const bad = [...rows];
        bad[2999] = spoil(rows[2999] as string);
        const plain = `${bad.join("\n")}\n`;
        const { crlf, cr, bom, semicolon, tab, rStyle } = spellings(plain);
        for (const [way, text] of Object.entries({ plain, crlf, cr, bom, semicolon, tab, rStyle })) {
          const file = write(`cells-${what}-${way}`, "SPX.csv", text);
          expect(patterns("scan", file, "--json"), `${what}, ${way}`).toMatchObject({
            status: 2,
            stdout: "",
            stderr: `patterns: ${file}: row 3000: 8 cells where the header has 7\n`,
          });
        }
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "name the same row of a long file cut into parts as of the file scanned in one thread",
    () => {
      const rows = barCsv(80_000, 7).trimEnd().split("\n");
      const cases: [string, (row: string) => string, string][] = [
        [
          "close",
          (row) =>
            row
              .split(",")
              .map((cell, i) => (i === 4 ? "x" : cell))
              .join(","),
          'close "x" is not a number',
        ],
        ["date", (row) => `2077-02-30${row.slice(10)}`, 'time "2077-02-30" is not a date on the calendar'],
        ["cells", (row) => row.replace(",", ",1,"), "8 cells where the header has 7"],
      ];
      for (const [what, spoil, why] of cases) {
        const bad = [...rows];
        bad[70_000] = spoil(bad[70_000] as string);
        const file = write(`bad-${what}`, "LONG.csv", `${bad.join("\n")}\n`);
        for (const jobs of what === "date" ? ["2"] : ["1", "2"])
          expect(patterns("scan", file, "--json", "--jobs", jobs), `${what}, --jobs ${jobs}`).toMatchObject({
            status: 2,
            stdout: "",
            stderr: `patterns: ${file}: row 70001: ${why}\n`,
          });
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuse a column or key a letter or two off a field the file does not give, rather than read every bar without it",
    () => {
      // `Volumne` was passed over as a vendor's column and every bar read without its volume, which weighs in
      // a detection's confidence: the same detections, other confidences, and nothing said.
      const csv = write("misnamed", "VOL.csv", "Date,Close,Volumne\n2024-01-02,10,500\n");
      const json = write(
        "misnamed",
        "VOL.json",
        JSON.stringify([{ date: "2024-01-02", close: 10, hgh: 11 }]),
      );
      for (const command of ["scan", "stats"]) {
        expect(patterns(command, csv)).toMatchObject({
          status: 2,
          stdout: "",
          stderr: `patterns: ${csv}: row 1: the header's "Volumne" (column 3) is no column's name (did you mean volume?): it would not be read (its cells split at ",", as detected among , ; and tab: "Date", "Close", "Volumne")\n`,
        });
        expect(patterns(command, json)).toMatchObject({
          status: 2,
          stderr: `patterns: ${json}: row 1: the key "hgh" is no field's name (did you mean high?): it would not be read\n`,
        });
      }
      // Beside the field it is near, such a name is a column of its own, passed over as before.
      const beside = write("misnamed", "BESIDE.csv", "Date,Close,Volume,Volumne\n2024-01-02,10,500,1\n");
      expect(patterns("scan", beside, "--json")).toMatchObject({ status: 0, stderr: "" });
    },
    PROCESS_TIMEOUT,
  );
});
