// A FILE that cannot be read, a broken link or one without permission, said in words (exit 2).

import { spawnSync } from "node:child_process";
import { chmodSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { csv, inTempDir } from "./command-runs";

describe("patterns scan", () => {
  it(
    "says a FILE that is a broken link points at a missing file, and names that file",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        symlinkSync("sold/SPX.csv", join(dir, "SPX.csv"));
        const alone = spawnSync(process.execPath, [bin, "scan", join(dir, "SPX.csv")], { encoding: "utf8" });
        expect(alone.stderr).toBe(
          `patterns: cannot read ${join(dir, "SPX.csv")}: it is a link to sold/SPX.csv, which does not exist\n`,
        );
        expect(alone.status).toBe(2);
        // In a DIR, the same words beside the series that were read.
        const inDir = spawnSync(process.execPath, [bin, "scan", dir, "--format", "csv"], {
          encoding: "utf8",
        });
        expect(inDir.stderr).toContain(": it is a link to sold/SPX.csv, which does not exist\n");
        expect(inDir.stdout).toMatch(/^A,/m);
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "says in words that a file may not be read (exit 2)",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        writeFileSync(join(dir, "LOCKED.csv"), csv);
        chmodSync(join(dir, "LOCKED.csv"), 0o000);
        chmodSync(dir, 0o755);
        // Root reads any file: the command runs as nobody there, so that the mode refuses it.
        const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
        for (const command of ["scan", "stats"]) {
          const done = spawnSync(process.execPath, [bin, command, dir, "--json"], {
            encoding: "utf8",
            ...asOther,
          });
          expect(done.stderr, command).toBe(
            `patterns: cannot read ${join(dir, "LOCKED.csv")}: permission denied\n`,
          );
          expect(done.status, command).toBe(2);
          // scan prints the series it read; stats pools nothing short of every file.
          if (command === "scan") expect(done.stdout).toContain('"pattern":"HS"');
          else expect(done.stdout).toBe("");
        }
      }),
    PROCESS_TIMEOUT,
  );
});
