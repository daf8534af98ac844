// What stdout holds when an input is refused: the CSV header only for a run that read a series, as the
// table is printed only then, so that `patterns scan bad.csv --format csv > out.csv` leaves out.csv empty
// (no lone header, which reads as a scan that found nothing). Through the compiled process.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "../../../test/bin";
import { outputHeader } from "./output";

const dir = mkdtempSync(join(tmpdir(), "patterns-refused-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "BAD.csv"), "Date,Close\n2020-01-02,4\n2020-01-03,x\n");
writeFileSync(join(dir, "QUIET.csv"), "Date,Close\n2020-01-02,1\n2020-01-03,1\n");

const REFUSED = 'patterns: BAD.csv: row 3: close "x" is not a number\n';

/** `patterns scan ARGS...` run in `dir`. */
function scan(args: string[]) {
  const run = spawnSync(process.execPath, [PATTERNS_BIN, "scan", ...args], { cwd: dir, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("a run whose every input is refused", () => {
  it(
    "prints nothing on stdout in any format, the CSV header included",
    () => {
      for (const format of ["csv", "jsonl", "table"])
        for (const jobs of ["1", "2"])
          expect(scan(["BAD.csv", "--format", format, "--jobs", jobs]), `${format} --jobs ${jobs}`).toEqual({
            status: 2,
            stdout: "",
            stderr: REFUSED,
          });
      expect(scan(["BAD.csv", "--format", "csv", "--outcomes"]).stdout).toBe("");
    },
    PROCESS_TIMEOUT,
  );

  it(
    "but for one more input read and nothing found, prints the CSV header alone as it prints the table",
    () => {
      const csv = scan(["BAD.csv", "QUIET.csv", "--format", "csv"]);
      expect(csv).toEqual({ status: 2, stdout: outputHeader("csv"), stderr: REFUSED });
      const table = scan(["BAD.csv", "QUIET.csv"]);
      expect([table.status, table.stderr]).toEqual([2, REFUSED]);
      expect(table.stdout).toMatch(/^0 detections in 2 bars$/m);
      expect(scan(["BAD.csv", "QUIET.csv", "--format", "jsonl"])).toEqual({
        status: 2,
        stdout: "",
        stderr: REFUSED,
      });
    },
    PROCESS_TIMEOUT,
  );
});
