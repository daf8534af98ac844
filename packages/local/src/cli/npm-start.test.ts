// `npm start` through npm itself, as a process manager or `timeout 600 npm start` stops it: with a SIGTERM
// to npm alone. npm passes it on to the shell it runs the script in, which must not be left between them.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../system/directory-lock";
import { REPO_ROOT } from "../system/paths";

const dir = mkdtempSync(join(tmpdir(), "npm-start-"));
let npm: ChildProcess | undefined;

afterAll(() => {
  // Whatever the outcome, nothing of this run stays behind: end its whole process group.
  if (npm?.pid) {
    try {
      process.kill(-npm.pid, "SIGKILL");
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The commands still running in a process group (Linux and macOS `ps`). */
function commandsIn(group: number): string[] {
  return execFileSync("ps", ["-A", "-o", "pgid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(.*)$/))
    .flatMap((match) => (match && Number(match[1]) === group ? [match[2] as string] : []));
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npm start", () => {
  it("stops the whole system when npm alone is sent SIGTERM", async () => {
    const out = join(dir, "out");
    // Its own process group, as a terminal or a process manager starts it; only npm is signalled.
    const run = spawn("npm", ["start", "--", "--port", "0", "--no-replay", "--out-dir", out], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    npm = run;
    let printed = "";
    run.stdout?.on("data", (chunk) => {
      printed += chunk;
    });
    run.stderr?.on("data", (chunk) => {
      printed += chunk;
    });
    const group = run.pid as number;
    await until("the system to start", () => printed.includes("No replay (--no-replay)"), 60_000);
    expect(commandsIn(group).some((command) => command.includes("runtime/main.ts"))).toBe(true);

    process.kill(group, "SIGTERM");
    await until("the process group to be empty", () => commandsIn(group).length === 0, 10_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}: left running ${JSON.stringify(commandsIn(group))}`);
      },
    );
    expect(printed).toContain("Stopped.\n");
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
});
