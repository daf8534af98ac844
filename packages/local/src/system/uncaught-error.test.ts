// An error thrown in `npm start`'s process where nothing catches it (planted here by a preloaded script once
// the system runs): shown as Node shows it, and the system stopped in order, not left to its runtime to
// notice its parent gone.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "./directory-lock";
import { groupEmptied, runEntry } from "./entry-run";

const dir = mkdtempSync(join(tmpdir(), "uncaught-error-"));
const outDir = join(dir, "out");
const planted = join(dir, "plant-error.cjs");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an uncaught error in npm start's process", () => {
  it("is printed, and the system stopped in order: exit code 1, no process or lock file left", async () => {
    // Thrown from a timer once outputs.json is written (the system is running), outside any of our code.
    writeFileSync(
      planted,
      `const { existsSync } = require("node:fs");
       const look = setInterval(() => {
         if (!existsSync(${JSON.stringify(join(outDir, "outputs.json"))})) return;
         clearInterval(look);
         throw new Error("planted by the test");
       }, 100);`,
    );
    const { code, stderr, group } = await runEntry(["--port", "0", "--no-replay", "--out-dir", outDir], {
      preload: planted,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("Error: planted by the test");
    expect(stderr.trim().split("\n").at(-1)).toBe("stock-patterns stopped: an unexpected error (above)");
    expect(await groupEmptied(group)).toBe(true);
    expect(existsSync(join(outDir, LOCK_FILE))).toBe(false);
  }, 120_000);
});
