// A long file shared over threads a symbol at a turn (symbol-rows.ts) has its symbols known before the
// scan or the count: one of them that another file gives too is refused before anything is printed.
// Through the compiled process, as only it cuts a file by symbol.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { barCsv, writeLongUniverse } from "../../../bench/files";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "../../../test/bin";
import { PART_BYTES } from "./parts";

const dir = mkdtempSync(join(tmpdir(), "patterns-claims-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a long file shared by symbol", () => {
  it.each(["scan", "stats"])(
    "is refused by %s before any output when one of its symbols is another file's too",
    (command) => {
      const long = writeLongUniverse(dir, 20, 4000);
      expect(statSync(long).size).toBeGreaterThanOrEqual(PART_BYTES);
      const sym = join(dir, "SYM005.csv");
      writeFileSync(sym, barCsv(4000, 99));
      const run = spawnSync(process.execPath, [PATTERNS_BIN, command, long, sym, "--json", "--jobs", "3"], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      });
      expect([run.status, run.stdout, run.stderr]).toEqual([
        2,
        "",
        `patterns: ${long} and ${sym} both give the symbol SYM005: its results would mix two series (rename one, or give them in separate runs)\n`,
      ]);
    },
    PROCESS_TIMEOUT,
  );
});
