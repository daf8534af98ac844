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

describe("npm start", () => {
  it("prints the keys, URLs, progress and approve links it writes, and stops cleanly on Ctrl-C", async () => {
    const out = join(dir, "out");
    const args = ["--import", "tsx", MAIN, "--port", "0", "--out-dir", out];
    // Its own process group, as a terminal gives a command, so the test can signal the group.
    const run = spawn(process.execPath, [...args, "--replay", year2000(), "--speed", "max"], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = run;
    const pid = run.pid as number;
    let output = "";
    run.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    run.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => run.once("exit", (code) => resolve(code)));

    const link = /^ {2}-> (http:\/\/127\.0\.0\.1:\d+)\/\?token=[\w-]{20,}$/m;
    await until(
      "the replay and an approve link",
      () => output.includes("Replay finished") && link.test(output),
    );
    const outputs = JSON.parse(readFileSync(join(out, "outputs.json"), "utf8"));
    expect(output).toContain(`API            ${outputs.apiUrl}\n`);
    expect(output).toContain(`Console        ${outputs.consoleUrl}`);
    expect(output).toContain(`Reader key     ${outputs.apiKeys.reader}\n`);
    expect(output).toContain(`Approver key   ${outputs.apiKeys.approver}\n`);
    for (const endpoint of ["dynamodb", "kinesis", "sqs", "stepfunctions"]) {
      expect(output).toContain(outputs.endpoints[endpoint]);
    }
    expect(output).toContain("Replaying 252 bars of SPX 1d from ");
    expect(output).toContain("Replay finished: 252 bars sent.");
    expect(output).toMatch(
      /^bars in 252\/252 \| detections \d+ \| alerts CRITICAL \d+, HIGH \d+, MEDIUM \d+ \| approvals pending \d+$/m,
    );
    expect(output).toMatch(/^Approval needed: SPX double top \(DTOP\) ending 2000-08-28, confidence \d+$/m);
    expect(output.match(link)?.[1]).toBe(outputs.apiUrl);

    // Ctrl-C: the terminal signals the group; npm and tsx relay the same SIGINT to this process.
    const pressed = Date.now();
    process.kill(-pid, "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 50));
    relayIfRunning(pid, "SIGINT");
    expect(await exited).toBe(0);
    expect(Date.now() - pressed).toBeLessThan(10_000);
    expect(output).toContain("Stopped.\n");
    expect(output).not.toContain("Forced exit");
    await until("the process group to be empty", () => processesIn(pid).length === 0, 5_000);
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
