// --jobs: files, and one long file in parts, spread over worker threads with what one thread prints.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { barCsv } from "../bench/files";
import { LONG_PROCESS_TIMEOUT, PROCESS_TIMEOUT, runPatterns } from "../test/bin";
import { HS_PIVOTS, plantedCsv } from "../test/series";
import { inTempDir, scanned } from "./command-runs";

describe("patterns scan", () => {
  it(
    "spreads files over worker threads with the same output, in the same order, as one thread",
    () =>
      inTempDir((dir) => {
        for (const [name, offset] of [
          ["C", 0],
          ["A", 5],
          ["B", 9],
        ] as const) {
          const noise = (i: number) => ((i * 7919) % 13) / 100;
          writeFileSync(join(dir, `${name}.csv`), plantedCsv(HS_PIVOTS, { offset, noise }));
        }
        const scan = (jobs: string) => scanned(dir, "--format", "csv", "--jobs", jobs);
        // Enough files that the workers, which start while this thread scans, take some of them.
        for (let k = 0; k < 30; k++) writeFileSync(join(dir, `R${k}.csv`), barCsv(3_000, k));
        const threaded = scan("2");
        expect(threaded).toBe(scan("1"));
        expect(scan("3")).toBe(threaded);
        expect(
          threaded
            .split("\n")
            .slice(1, -1)
            .map((line) => line.split(",")[0]),
        ).toEqual(expect.arrayContaining(["A", "B", "C"]));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "scans one long file in parts with --jobs 2, printing what one thread prints",
    () =>
      inTempDir((dir) => {
        // Over PART_BYTES (4 MB): 80,000 Yahoo-style rows of the benchmark's random walk.
        const file = join(dir, "LONG.csv");
        writeFileSync(file, barCsv(80_000, 7));
        const scan = (jobs: string) => scanned(file, "--json", "--jobs", jobs);
        const inParts = scan("2");
        expect(inParts.split("\n").length).toBeGreaterThan(1000);
        expect(inParts).toBe(scan("1"));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "reads one long file under --date-format whole with --jobs 2, as one thread does, though ISO 8601 reads its cells too",
    () =>
      inTempDir((dir) => {
        // Five-second bars from 1 February 2000, written YYYY-DD-MM: "2000-01-02 00:00:05" is 1 February
        // to the layout and 2 January to ISO 8601, which the parts read it as (printing it as written).
        const pad = (n: number) => String(n).padStart(2, "0");
        const start = Date.UTC(2000, 1, 1);
        const written = (i: number) => {
          const at = new Date(start + i * 5_000);
          const clock = at.toISOString().slice(11, 19);
          return `2000-${pad(at.getUTCDate())}-${pad(at.getUTCMonth() + 1)} ${clock}`;
        };
        const [header, ...rows] = barCsv(80_000, 7).trimEnd().split("\n");
        const text = `${header}\n${rows.map((row, i) => `${written(i)}${row.slice(10)}`).join("\n")}\n`;
        const file = join(dir, "YDM.csv");
        writeFileSync(file, text);
        const layout = ["--date-format", "YYYY-DD-MM HH:mm:ss"];
        const scan = (jobs: string) => scanned(file, "--json", ...layout, "--jobs", jobs);
        const whole = scan("1");
        expect(whole.split("\n").length).toBeGreaterThan(1000);
        expect(whole).toContain('"start":"2000-02-01T');
        expect(scan("2")).toBe(whole);
        // A last bar of 1 June to ISO 8601 and 6 January to the layout: out of order, on two threads too.
        const last = rows.at(-1)?.slice(10);
        writeFileSync(file, `${text}2000-06-01 00:00:00${last}\n`);
        for (const jobs of ["1", "2"]) {
          const run = runPatterns("scan", file, ...layout, "--jobs", jobs);
          expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }, `--jobs ${jobs}`).toEqual({
            status: 2,
            stdout: "",
            stderr: `patterns: ${file}: row 80002: time "2000-06-01 00:00:00" is not after the previous bar's "${written(79_999)}"\n`,
          });
        }
      }),
    LONG_PROCESS_TIMEOUT,
  );
});
