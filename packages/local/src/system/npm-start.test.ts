// `npm start` through npm itself, as a process manager or `timeout 600 npm start` stops it: with a SIGTERM
// to npm alone (npm passes it on to the shell it runs the script in, which must not be left between them,
// in the start script as in the prestart's console build), or a SIGKILL, which npm cannot pass on: the
// system must notice it was left behind.

import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "./directory-lock";
import { DEFAULT_CONSOLE_DIR, REPO_ROOT } from "./paths";
import { RUNTIME_BUNDLE_FILE } from "./runtime-bundle";

const dir = mkdtempSync(join(tmpdir(), "npm-start-"));
const runs: ChildProcess[] = [];

afterAll(() => {
  // Whatever the outcome, nothing of these runs stays behind: end each one's whole process group.
  for (const run of runs) {
    try {
      if (run.pid) process.kill(-run.pid, "SIGKILL");
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

/**
 * `npm start` in its own process group, as a terminal or a process manager starts it, typed in `cwd` (the
 * repository's root by default); collects its output.
 */
async function npmStart(out: string, cwd = REPO_ROOT) {
  const run = spawn("npm", ["start", "--", "--port", "0", "--no-replay", "--out-dir", out], {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  runs.push(run);
  const printed = { text: "" };
  run.stdout?.on("data", (chunk) => {
    printed.text += chunk;
  });
  run.stderr?.on("data", (chunk) => {
    printed.text += chunk;
  });
  const group = run.pid as number;
  // Once npm has exited and every pipe it shared has been read to its end (a child may outlive npm).
  const closed = new Promise<void>((resolve) => run.once("close", () => resolve()));
  await until("the system to start", () => printed.text.includes("No replay (--no-replay)"), 60_000);
  expect(commandsIn(group).some((command) => RUNTIME_BUNDLE_FILE.test(command))).toBe(true);
  return { group, printed, closed };
}

async function emptied(group: number): Promise<void> {
  await until("the process group to be empty", () => commandsIn(group).length === 0, 10_000).catch(
    (error: Error) => {
      throw new Error(`${error.message}: left running ${JSON.stringify(commandsIn(group))}`);
    },
  );
}

describe("npm start", () => {
  it("stops the whole system when npm alone is sent SIGTERM", async () => {
    const out = join(dir, "terminated");
    const { group, printed, closed } = await npmStart(out);
    process.kill(group, "SIGTERM"); // npm, the group's leader, only
    await emptied(group);
    await closed;
    expect(printed.text).toContain("Stopped.\n");
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it("stops the console build with npm when npm alone is sent SIGTERM during prestart", async () => {
    // The build runs when the console's sources changed since it was built: its stamp removed, it runs
    // again (a build cut short leaves the stamp removed, so the next start builds it whole).
    rmSync(join(DEFAULT_CONSOLE_DIR, ".source-hash"), { force: true });
    const run = spawn("npm", ["start", "--", "--port", "0", "--no-replay", "--out-dir", join(dir, "build")], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ["ignore", "ignore", "ignore"],
    });
    runs.push(run);
    const group = run.pid as number;
    const npmExited = new Promise<void>((resolve) => run.once("exit", () => resolve()));
    // The build's own processes (tsx, the node it runs, esbuild), not the shell of the prestart line.
    const builders = () =>
      commandsIn(group).filter(
        (command) =>
          (command.includes("build-console.ts") && !command.includes("check-install")) ||
          command.includes("esbuild"),
      );
    // Both tsx and the node it runs the build in: the build has seconds of work ahead (loading Vite,
    // bundling), which it went on doing after npm had gone when the prestart's shell was what npm signalled
    // (4 s by hand; this case failed 3 runs in 3 then).
    await until("the console build", () => builders().length >= 2, 30_000);
    process.kill(group, "SIGTERM"); // npm, the group's leader, only
    await npmExited;
    // Within 2 s of npm: the build had gone on for seconds to its end (4 s by hand), and the signal's way
    // (npm, then tsx, then the node it runs) took more than 300 ms at load 5 in a CI run.
    await until("the build to stop", () => builders().length === 0, 2_000).catch((error: Error) => {
      throw new Error(`${error.message}: left running ${JSON.stringify(commandsIn(group))}`);
    });
    await emptied(group);
    // The build cut short leaves the last one served (its page is replaced last, never emptied in place), so the
    // browser tests and systems running beside this case keep their console.
    expect(existsSync(join(DEFAULT_CONSOLE_DIR, "index.html"))).toBe(true);
  });

  it("keeps the last console served while a new one is built (the prestart's build moves it in, its page last)", async () => {
    rmSync(join(DEFAULT_CONSOLE_DIR, ".source-hash"), { force: true });
    const build = spawn("npx", ["tsx", "packages/web/scripts/build-console.ts"], {
      cwd: REPO_ROOT,
      stdio: "ignore",
    });
    runs.push(build);
    const ended = new Promise<number | null>((resolve) => build.once("exit", (code) => resolve(code)));
    let looks = 0;
    let missing = 0;
    let done = false;
    void ended.then(() => {
      done = true;
    });
    // Vite empties its output directory before it writes: built in place, index.html was gone for a while.
    while (!done) {
      looks += 1;
      if (!existsSync(join(DEFAULT_CONSOLE_DIR, "index.html"))) missing += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await ended).toBe(0);
    expect(looks).toBeGreaterThan(10);
    expect(missing).toBe(0);
    expect(existsSync(join(DEFAULT_CONSOLE_DIR, ".source-hash"))).toBe(true);
  });

  it("reads the paths typed with it from the folder it was typed in, and says them back from there", async () => {
    // npm runs the script in the repository's root whatever folder it was typed in: `cd data && npm start
    // -- --replay sp500-2000.csv` was refused as no such file, the file beside the one who typed it.
    const typedIn = join(REPO_ROOT, "data");
    const mistyped = spawnSync("npm", ["start", "--", "--replay", "sp500-200.csv"], {
      cwd: typedIn,
      encoding: "utf8",
    });
    expect(mistyped.status).toBe(2);
    expect(mistyped.stderr).toContain(
      '--replay: no such file "sp500-200.csv" (did you mean "sp500-2000.csv"?)',
    );
    // An out-dir typed relative to data/, in the repository's ignored .local (from the root it would be
    // outside the repository), said back whole: it is not inside data/.
    mkdirSync(join(REPO_ROOT, ".local"), { recursive: true });
    const out = mkdtempSync(join(REPO_ROOT, ".local", "typed-in-"));
    try {
      const { group, printed, closed } = await npmStart(join("..", ".local", basename(out)), typedIn);
      expect(existsSync(join(out, "outputs.json"))).toBe(true);
      expect(printed.text).toContain(`  Outputs        ${join(out, "outputs.json")}\n`);
      process.kill(group, "SIGTERM");
      await emptied(group);
      await closed;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("stops the whole system when npm is killed (SIGKILL: nothing is passed on)", async () => {
    const out = join(dir, "killed");
    const { group } = await npmStart(out);
    process.kill(group, "SIGKILL");
    await emptied(group);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
});
