// Bars written as JSON: an array of bar objects, keyed as a CSV header is, and keys that would be misread
// refused.

import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plantedBars } from "../../core/test/planted";
import { asJsonBars, minuteBarCsv } from "../bench/files";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { HS_PIVOTS } from "../test/series";
import { csv, inTempDir, run, scanned } from "./command-runs";

/** The planted series' dates written day first (31/01/2020), as --date-format DD/MM/YYYY reads them. */
const dayFirstCsv = csv.replace(/^(\d{4})-(\d{2})-(\d{2})/gm, "$3/$2/$1");

/** A Date,Close CSV's rows as a JSON array of bars under its header's keys, the time a string. */
function csvAsJson(text: string): string {
  const [header = "", ...rows] = text.trim().split("\n");
  const names = header.split(",");
  return JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(row.split(",").map((cell, i) => [names[i], i === 0 ? cell : Number(cell)])),
    ),
  );
}

describe("patterns scan", () => {
  it("reads a JSON array of bars too", async () => {
    const { status, stdout } = await run(["scan", "-", "--json"], JSON.stringify(plantedBars(HS_PIVOTS)));
    expect(status).toBe(0);
    expect(stdout).toContain('"pattern":"HS"');
    // An object holding the array, or JSON Lines (as --json prints), is named for what it is, not as CSV.
    const bars = plantedBars(HS_PIVOTS);
    const shapes: [file: string, text: string][] = [
      ["object.json", JSON.stringify({ bars })],
      ["lines.json", bars.map((bar) => JSON.stringify(bar)).join("\n")],
    ];
    // The object's key holding them is named.
    const where = { "object.json": ': this object holds its bars under "bars": write that array alone' };
    for (const [file, text] of shapes)
      expect(await run(["scan", file], text), file).toEqual({
        status: 2,
        stdout: "",
        stderr: `patterns: ${file}: row 1: JSON bars must be one array of bar objects ([{"time": ..., "close": ...}, ...]), not an object or JSON Lines${where[file as keyof typeof where] ?? ""}\n`,
      });
    // A file of one JSON null, boolean or string (an API's empty answer saved) is named as it is; read as
    // CSV, null was a header without a Date column.
    for (const [file, text, shown] of [
      ["null.json", "null\n", "null"],
      ["empty.json", ' "" ', '""'],
      ["flag.json", "false", "false"],
    ])
      expect(await run(["scan", file as string], text as string), file).toEqual({
        status: 2,
        stdout: "",
        stderr: `patterns: ${file}: row 1: JSON bars must be one array of bar objects ([{"time": ..., "close": ...}, ...]), not ${shown}\n`,
      });
  });

  it(
    "refuses a JSON bar's key read as a field's name with a character that shows nothing in it, naming the key",
    async () => {
      // "Close\u200b" beside a close was ignored (status 0, its value unread); alone, "row 1: close is
      // missing". Written raw or escaped in the file, it is the same key.
      const bars = (key: string) =>
        `[{"time":"2020-01-02","close":1},{"time":"2020-01-03","close":2,${key}:9}]`;
      const files: [name: string, text: string, key: string][] = [
        ["raw.json", bars('"Close\u200b"'), '"Close\\u200b"'],
        ["escaped.json", bars('"Close\\u200b"'), '"Close\\u200b"'],
        ["inside.json", bars('"Clo\\u00adse"'), '"Clo\\u00adse"'],
      ];
      await inTempDir((dir) => {
        for (const [name, text, key] of files) {
          writeFileSync(join(dir, name), text);
          const read = spawnSync(process.execPath, [bin, "scan", join(dir, name)], { encoding: "utf8" });
          expect({ status: read.status, stdout: read.stdout }, name).toEqual({ status: 2, stdout: "" });
          expect(read.stderr, name).toMatch(
            new RegExp(`^patterns: ${join(dir, name)}: row 2: the key ${key.replaceAll("\\", "\\\\")} `),
          );
          expect(read.stderr.split("\n"), name).toHaveLength(2);
        }
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "scans a JSON file keyed by a CSV header's names (Date, Close) as it scans that CSV",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "HS.csv"), csv);
        writeFileSync(join(dir, "HS.json"), csvAsJson(csv));
        expect(csv).toMatch(/^Date,Close\n/);
        const fromJson = spawnSync(process.execPath, [bin, "scan", join(dir, "HS.json"), "--json"], {
          encoding: "utf8",
        });
        expect(fromJson.stderr).toBe("");
        expect(fromJson.stdout).toContain('"pattern":"HS"');
        expect(fromJson.stdout).toBe(scanned(join(dir, "HS.csv"), "--json"));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "reads JSON bars' string times in a --date-format layout as it reads that CSV, in scan and stats",
    () =>
      inTempDir((dir) => {
        // Refused before --date-format reached JSON bars: row 1: time "03/01/2000" is not an ISO 8601 date...
        writeFileSync(join(dir, "HS.csv"), dayFirstCsv);
        writeFileSync(join(dir, "HS.json"), csvAsJson(dayFirstCsv));
        for (const command of ["scan", "stats"]) {
          const asked = ["--json", "--date-format", "DD/MM/YYYY"];
          const fromJson = spawnSync(process.execPath, [bin, command, join(dir, "HS.json"), ...asked], {
            encoding: "utf8",
          });
          const fromCsv = spawnSync(process.execPath, [bin, command, join(dir, "HS.csv"), ...asked], {
            encoding: "utf8",
          });
          expect([fromJson.status, fromJson.stderr], command).toEqual([0, ""]);
          expect(fromJson.stdout, command).toBe(fromCsv.stdout);
          expect(fromJson.stdout, command).toContain('"HS"');
        }
        // Its times printed as ISO 8601, as the CSV's are.
        expect(scanned(join(dir, "HS.json"), "--json", "--date-format", "DD/MM/YYYY")).toMatch(
          /"start":"\d{4}-\d{2}-\d{2}"/,
        );
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "refuses under --date-format a JSON bar's time the layout does not read, naming the row, as for CSV",
    () =>
      inTempDir((dir) => {
        // The third bar's date left in ISO 8601: the layout asked for does not read it.
        const [first = "", second = "", third = ""] = dayFirstCsv.split("\n").slice(1, 4);
        const iso = third.replace(/^(\d{2})\/(\d{2})\/(\d{4})/, "$3-$2-$1");
        const mixed = dayFirstCsv.replace(third, iso);
        expect(mixed).not.toBe(dayFirstCsv);
        writeFileSync(join(dir, "mixed.csv"), mixed);
        writeFileSync(join(dir, "mixed.json"), csvAsJson(mixed));
        const time = iso.split(",")[0];
        for (const command of ["scan", "stats"])
          for (const [name, row] of [
            ["mixed.csv", 4],
            ["mixed.json", 3],
          ] as const) {
            const read = spawnSync(
              process.execPath,
              [bin, command, join(dir, name), "--date-format", "DD/MM/YYYY"],
              { encoding: "utf8" },
            );
            expect({ status: read.status, stdout: read.stdout }, `${command} ${name}`).toEqual({
              status: 2,
              stdout: "",
            });
            expect(read.stderr, `${command} ${name}`).toBe(
              `patterns: ${join(dir, name)}: row ${row}: time "${time}" does not match --date-format DD/MM/YYYY\n`,
            );
          }
        expect([first, second].every((line) => /^\d{2}\/\d{2}\/\d{4},/.test(line))).toBe(true);
      }),
    PROCESS_TIMEOUT,
  );
});

describe("patterns scan with --date-format and JSON bars", () => {
  it("reads them from standard input too", async () => {
    const read = await run(["scan", "-", "--json", "--date-format", "DD/MM/YYYY"], csvAsJson(dayFirstCsv));
    expect([read.status, read.stderr]).toEqual([0, ""]);
    expect(read.stdout).toContain('"pattern":"HS"');
  });

  it(
    "reads a file of several pieces and parts as it reads that CSV, on one thread or two",
    () =>
      inTempDir((dir) => {
        // Over a piece and a part (4 MB): the piece reader and the parts decline it under --date-format,
        // and the whole file is read.
        const minutes = minuteBarCsv(80_000, 5).replace(
          /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}):00Z/gm,
          "$3/$2/$1 $4",
        );
        const csvFile = join(mkdtempSync(join(dir, "csv-")), "MINUTES.csv");
        const jsonFile = join(mkdtempSync(join(dir, "json-")), "MINUTES.json");
        writeFileSync(csvFile, minutes);
        writeFileSync(jsonFile, asJsonBars(minutes));
        expect(minutes.split("\n")[1]).toMatch(/^03\/01\/2000 14:30,/);
        const asked = ["--json", "--date-format", "DD/MM/YYYY HH:mm"];
        const expected = scanned(csvFile, ...asked);
        expect(expected.split("\n").length).toBeGreaterThan(1000);
        expect(scanned(jsonFile, ...asked)).toBe(expected);
        expect(scanned(jsonFile, ...asked, "--jobs", "2")).toBe(expected);
      }),
    PROCESS_TIMEOUT,
  );
});
