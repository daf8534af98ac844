// A UTF-16 file (Excel's Unicode Text) refused in words rather than read as UTF-8.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { csv, inTempDir } from "./command-runs";

describe("patterns without a command", () => {
  it(
    "refuses a UTF-16 file (Excel's Unicode Text) in words, read whole or from standard input",
    async () => {
      // Its NUL bytes were read as UTF-8: "the header's "\u0000C\u0000l..." has a character that is not a
      // letter inside a column's name", no word of its encoding.
      await inTempDir((dir) => {
        for (const [name, bytes, mark] of [
          ["LE.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]), "FF FE"],
          [
            "BE.csv",
            Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, "utf16le").swap16()]),
            "FE FF",
          ],
        ] as const) {
          const file = join(dir, name);
          writeFileSync(file, bytes);
          const said = `row 1: the input is UTF-16 (it starts with the byte order mark ${mark}): save it as UTF-8\n`;
          for (const [args, input, shown] of [
            [["scan", file], undefined, file],
            [["stats", file], undefined, file],
            [["scan", "-"], bytes, "-"],
          ] as const) {
            const run_ = spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8" });
            expect([run_.status, run_.stdout, run_.stderr], `${name} ${args.join(" ")}`).toEqual([
              2,
              "",
              `patterns: ${shown}: ${said}`,
            ]);
          }
        }
      });
    },
    PROCESS_TIMEOUT,
  );
});
