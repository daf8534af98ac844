// --jobs: files, and one long file in parts, spread over worker threads with what one thread prints.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { barCsv } from "../bench/files";
import { PROCESS_TIMEOUT } from "../test/bin";
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
});
