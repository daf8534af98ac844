// An error thrown in `npm start`'s process where nothing catches it (planted here by a preloaded script once
// the system runs): shown as Node shows it, and the system stopped in order, not left to its runtime to
// notice its parent gone.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "./directory-lock";
import { REPO_ROOT, startNodeArgs } from "./paths";

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
    const [maps, entry] = startNodeArgs();
    const run = spawn(
      process.execPath,
      [
        maps as string,
        "--require",
        planted,
        entry as string,
        "--port",
        "0",
        "--no-replay",
        "--out-dir",
        outDir,
      ],
      { cwd: REPO_ROOT, detached: true, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    run.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => run.once("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("Error: planted by the test");
    expect(stderr.trim().split("\n").at(-1)).toBe("stock-patterns stopped: an unexpected error (above)");
    const group = run.pid as number;
    const deadline = Date.now() + 10_000;
    const groupRuns = () => {
      try {
        process.kill(-group, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (groupRuns() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(groupRuns()).toBe(false);
    expect(existsSync(join(outDir, LOCK_FILE))).toBe(false);
  }, 120_000);
});
