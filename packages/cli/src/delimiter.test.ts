// A file whose cells are split at --delimiter, a character outside the BMP too.

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { barCsv } from "../bench/files";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { inTempDir, scanned } from "./command-runs";

describe("patterns scan", () => {
  it(
    "reads a file whose cells are split at --delimiter 📈 (one code point outside the BMP) as one split at commas",
    () =>
      inTempDir((dir) => {
        const rows = barCsv(300, 5).trimEnd().split("\n");
        mkdirSync(join(dir, "comma"));
        mkdirSync(join(dir, "chart"));
        writeFileSync(join(dir, "comma", "SPX.csv"), `${rows.join("\n")}\n`);
        const charted = rows.map((row) => row.replaceAll(",", "📈"));
        writeFileSync(join(dir, "chart", "SPX.csv"), `${charted.join("\n")}\n`);
        // Quoted, read by Papa Parse rather than by lines.
        writeFileSync(join(dir, "chart", "QUOTED.csv"), `"Date"${charted.join("\n").slice(4)}\n`);
        const expected = scanned(join(dir, "comma"), "--json");
        expect(expected).toMatch(/"pattern"/);
        const read = spawnSync(
          process.execPath,
          [bin, "scan", join(dir, "chart"), "--json", "--delimiter", "📈"],
          {
            encoding: "utf8",
          },
        );
        expect({ status: read.status, stderr: read.stderr }).toEqual({ status: 0, stderr: "" });
        expect(read.stdout).toBe(expected.replaceAll('"SPX"', '"QUOTED"') + expected);
      }),
    PROCESS_TIMEOUT,
  );
});
