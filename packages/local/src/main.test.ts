// `npm start` as a person runs it: what it prints and writes while replaying, and Ctrl-C as a terminal
// delivers it (to the whole process group, then again relayed by npm and tsx).

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_REPLAY_FILE, REPO_ROOT } from "./system/paths";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "local-cli-run-"));
let child: ChildProcess | undefined;

afterAll(() => {
  // A failed run must not leave the system behind: end its whole process group.
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The year 2000 of the bundled S&P 500 bars: 252 bars holding a double top that scores CRITICAL. */
function year2000(): string {
  const file = join(dir, "spx-2000.csv");
  const [header, ...rows] = readFileSync(DEFAULT_REPLAY_FILE, "utf8").trim().split("\n");
  writeFileSync(file, [header, ...rows.filter((row) => row.startsWith("2000-"))].join("\n"));
  return file;
}

/** The processes still in a process group (Linux and macOS `ps`). */
function processesIn(group: number): number[] {
  return execFileSync("ps", ["-A", "-o", "pgid=,pid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([pgid]) => pgid === group)
    .map(([, pid]) => pid);
}

async function until(what: string, check: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `npm start`'s entry in its own process group, as a terminal gives a command, so the test can
 * signal the group; collects what it prints.
 */
function startMain(args: string[]) {
  const run = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = run;
  const printed = { text: "" };
  run.stdout?.on("data", (chunk) => {
    printed.text += chunk;
  });
  run.stderr?.on("data", (chunk) => {
    printed.text += chunk;
  });
  const exited = new Promise<number | null>((resolve) => run.once("exit", (code) => resolve(code)));
  return { pid: run.pid as number, printed, exited };
}

describe("npm start", () => {
  it("prints the keys, URLs, progress and approve links it writes, and stops cleanly on Ctrl-C", async () => {
    const out = join(dir, "out");
    const { pid, printed, exited } = startMain([
      "--port",
      "0",
      "--out-dir",
      out,
      "--replay",
      year2000(),
      "--speed",
      "max",
    ]);
    const link = /^ {2}-> (http:\/\/127\.0\.0\.1:\d+)\/\?token=[\w-]{20,}$/m;
    await until(
      "the replay and an approve link",
      () => printed.text.includes("Replay finished") && link.test(printed.text),
    );
    const outputs = JSON.parse(readFileSync(join(out, "outputs.json"), "utf8"));
    expect(printed.text).toContain(`API            ${outputs.apiUrl}\n`);
    expect(printed.text).toContain(`Console        ${outputs.consoleUrl}`);
    expect(printed.text).toContain(`Reader key     ${outputs.apiKeys.reader}\n`);
    expect(printed.text).toContain(`Approver key   ${outputs.apiKeys.approver}\n`);
    for (const endpoint of ["dynamodb", "kinesis", "sqs", "stepfunctions"]) {
      expect(printed.text).toContain(outputs.endpoints[endpoint]);
    }
    expect(printed.text).toContain("Replaying 252 bars of SPX 1d from ");
    expect(printed.text).toContain("Replay finished: 252 bars sent.");
    expect(printed.text).toMatch(
      /^bars in 252\/252 \| detections \d+ \| alerts CRITICAL \d+, HIGH \d+, MEDIUM \d+ \| approvals pending \d+$/m,
    );
    expect(printed.text).toMatch(
      /^Approval needed: SPX double top \(DTOP\) ending 2000-08-28, confidence \d+$/m,
    );
    expect(printed.text.match(link)?.[1]).toBe(outputs.apiUrl);

    // Ctrl-C: the terminal signals the group; npm and tsx relay the same SIGINT to this process.
    const pressed = Date.now();
    process.kill(-pid, "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 50));
    relayIfRunning(pid, "SIGINT");
    expect(await exited).toBe(0);
    expect(Date.now() - pressed).toBeLessThan(10_000);
    expect(printed.text).toContain("Stopped.\n");
    expect(printed.text).not.toContain("Forced exit");
    await until("the process group to be empty", () => processesIn(pid).length === 0, 5_000);
  });

  it("survives its runtime's SIGKILL twice, with a line each time, and ends with status 1 on the third", async () => {
    const out = join(dir, "crash");
    const { pid, printed, exited } = startMain(["--port", "0", "--out-dir", out, "--no-replay"]);
    const runtime = () =>
      execFileSync("ps", ["-A", "-o", "pgid=,pid=,args="], { encoding: "utf8" })
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .find(([pgid, , ...args]) => Number(pgid) === pid && args.join(" ").includes("runtime/main.ts"))?.[1];
    await until("the system to start", () => printed.text.includes("No replay (--no-replay)"));
    for (const restart of [1, 2]) {
      process.kill(Number(runtime()), "SIGKILL");
      await until(`restart ${restart}`, () => printed.text.split("is running again").length > restart);
      expect(printed.text).toContain(`stopped unexpectedly (SIGKILL); restarting it (${restart} of 2)`);
      const { apiUrl } = JSON.parse(readFileSync(join(out, "outputs.json"), "utf8"));
      expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
    }
    process.kill(Number(runtime()), "SIGKILL");
    expect(await exited).toBe(1);
    expect(printed.text).toMatch(
      /stock-patterns stopped: the functions' runtime stopped unexpectedly \(SIGKILL\) after 2 restart\(s\)/,
    );
    await until("the process group to be empty", () => processesIn(pid).length === 0, 10_000);
  });
});

/** The relayed copy of a signal reaches the process only if it is still running; one that already stopped is fine. */
function relayIfRunning(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}
