// Bar times as the file writes them: eight-digit dates refused without --date-format, one-minute datetimes
// and epoch times.

import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { minuteBarCsv } from "../bench/files";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { timeStyle } from "./bars/time";
import { csv, inTempDir, scanned } from "./command-runs";

describe("patterns scan", () => {
  it(
    "refuses a file on disk whose times are eight digits, naming the row and --date-format YYYYMMDD (exit 2)",
    () =>
      inTempDir((dir) => {
        // 20200102 was read as epoch seconds by the column reader: the HS detection came out dated
        // 1970-08-22, and --since 2019-01-01 then dropped it without a word.
        // Closes cut to cents: plain decimals of at most 15 digits, which the column reader takes.
        const compact = csv.replace(/(\d{4})-(\d{2})-(\d{2})/g, "$1$2$3").replace(/(\.\d{2})\d+/g, "$1");
        const [first = "", second = ""] = compact
          .split("\n")
          .slice(1, 3)
          .map((row) => row.split(",")[0]);
        const rows = compact.split("\n").slice(1).filter(Boolean);
        const files: [name: string, text: string, said: string][] = [
          ["ymd.csv", compact, `row 2: ${timeStyle(first)}`],
          // The long-file readers (a Symbol column): A's rows, then B's.
          [
            "long.csv",
            `Symbol,Date,Close\n${rows.map((row) => `A,${row}`).join("\n")}\n${rows.map((row) => `B,${row}`).join("\n")}\n`,
            `row 2: ${timeStyle(first)}`,
          ],
          // Seven digits first, as the column reader took them, then eight.
          ["seven.csv", "Date,Close\n9999998,1\n9999999,2\n19700101,3\n", `row 4: ${timeStyle("19700101")}`],
        ];
        for (const [name, text, said] of files) {
          writeFileSync(join(dir, name), text);
          for (const command of ["scan", "stats"]) {
            const done = spawnSync(process.execPath, [bin, command, join(dir, name), "--json"], {
              encoding: "utf8",
            });
            expect([name, command, done.status, done.stdout], name).toEqual([name, command, 2, ""]);
            expect(done.stderr, `${name} ${command}`).toBe(`patterns: ${join(dir, name)}: ${said}\n`);
          }
        }
        expect(timeStyle(first)).toMatch(
          new RegExp(`^time "${first}" is ambiguous: .+ \\(--date-format YYYYMMDD reads it as a date\\)$`),
        );
        // --date-format YYYYMMDD reads them as dates, printed in ISO 8601.
        const read = spawnSync(
          process.execPath,
          [bin, "scan", join(dir, "ymd.csv"), "--json", "--date-format", "YYYYMMDD", "--since", "2020-01-01"],
          { encoding: "utf8" },
        );
        expect([read.status, read.stderr]).toEqual([0, ""]);
        expect(read.stdout).toContain('"start":"2020-01-07"');
        expect(second).toMatch(/^2020\d{4}$/);
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "prints for a file of one-minute datetimes or epoch times what the general reader's reading prints, in parts too",
    () =>
      inTempDir((dir) => {
        // Over PART_BYTES (4 MB) and a piece: read into columns; with CRLF line ends, by readSeries.
        const iso = minuteBarCsv(80_000, 5);
        const epoch = (unit: number) =>
          iso.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)/gm, (time) => String(Date.parse(time) / unit));
        for (const [text, time] of [
          [iso, '"detectedAt":"2000-01-'],
          [epoch(1000), '"detectedAt":"94'],
          [epoch(1), '"detectedAt":"94'],
        ] as const) {
          // One name (the symbol is the file's), in two folders.
          const columns = join(mkdtempSync(join(dir, "lf-")), "MINUTES.csv");
          const general = join(mkdtempSync(join(dir, "crlf-")), "MINUTES.csv");
          writeFileSync(columns, text);
          writeFileSync(general, text.replaceAll("\n", "\r\n"));
          const expected = scanned(general, "--json", "--outcomes");
          expect(expected.split("\n").length).toBeGreaterThan(1000);
          expect(expected).toContain(time);
          expect(scanned(columns, "--json", "--outcomes")).toBe(expected);
          expect(scanned(columns, "--json", "--jobs", "2")).toBe(scanned(general, "--json"));
          if (text === iso) {
            const latest = ["--format", "csv", "--latest", "5000"];
            expect(scanned(columns, ...latest)).toBe(scanned(general, ...latest));
          }
        }
      }),
    PROCESS_TIMEOUT,
  );
});
