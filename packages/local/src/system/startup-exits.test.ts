// `npm start` ending before it is ready: a port it cannot listen on is a one-line refusal naming --port
// (exit code 2, as for an unusable directory), a damaged store LevelDB's repair cannot mend is one line
// naming its copy (exit code 1), and a stop asked for while it starts leaves no lock file and no process
// behind.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { dynamoDbClient, listen, startDynamoDb } from "@stock-patterns/emulators";
import { afterAll, describe, expect, it } from "vitest";
import { RELAY_WINDOW_MS } from "../cli/interrupts";
import { LOCK_FILE } from "./directory-lock";
import { REPO_ROOT, startNodeArgs } from "./paths";
import { RUNTIME_BUNDLE_FILE } from "./runtime-bundle";

const dir = mkdtempSync(join(tmpdir(), "startup-exits-"));
// Other users may write here: the run as an unprivileged user keeps its out directory in it.
chmodSync(dir, 0o777);
const runs: ChildProcess[] = [];

afterAll(() => {
  for (const run of runs) {
    try {
      if (run.pid) process.kill(-run.pid, "SIGKILL");
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start`'s entry in its own process group (as a terminal starts a command), run as `user` if given. */
function startMain(args: string[], user?: { uid: number; gid: number }) {
  const command = [process.execPath, ...startNodeArgs(), ...args];
  const run = user
    ? spawn("setpriv", [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups", ...command], {
        cwd: REPO_ROOT,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      })
    : spawn(command[0] as string, command.slice(1), {
        cwd: REPO_ROOT,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
  runs.push(run);
  const printed = { text: "" };
  const read = (chunk: Buffer) => {
    printed.text += chunk;
    // Started after all: the defect under test is elsewhere; stop it so the test ends.
    if (printed.text.includes("stock-patterns is running")) process.kill(-(run.pid as number), "SIGKILL");
  };
  run.stdout?.on("data", read);
  run.stderr?.on("data", read);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    run.once("close", (code, signal) => resolve({ code, signal })),
  );
  return { group: run.pid as number, printed, exited };
}

/** The processes still running in a process group, zombies aside (Linux and macOS `ps`). */
function processesIn(group: number): { pid: number; command: string }[] {
  return execFileSync("ps", ["-A", "-o", "pgid=,pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .flatMap((match) =>
      match && Number(match[1]) === group && !match[3]?.startsWith("Z")
        ? [{ pid: Number(match[2]), command: match[4] as string }]
        : [],
    );
}

/** The commands still running in a process group. */
const commandsIn = (group: number) => processesIn(group).map((process) => process.command);

/** The functions' runtime of a group, once forked. */
const runtimeIn = (group: number) => processesIn(group).find((p) => RUNTIME_BUNDLE_FILE.test(p.command));

/** Resolves once nothing of the group runs; else rejects naming what does. */
const emptied = (group: number) =>
  until("the process group to be empty", () => commandsIn(group).length === 0, 10_000, PS_LOOK_MS).catch(
    (error: Error) => {
      throw new Error(`${error.message}: left running ${JSON.stringify(commandsIn(group))}`);
    },
  );

/**
 * Looks every `everyMs` until `check` holds. A look through `ps` (processesIn) takes tens of ms of CPU, so
 * those look every PS_LOOK_MS: still many times within the seconds the runtime takes to load its handlers.
 */
async function until(what: string, check: () => boolean, timeoutMs = 60_000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** How often a wait looks through `ps`. */
const PS_LOOK_MS = 100;

/** Resolves once the group's functions' runtime is forked (it then loads the handlers for seconds). */
const runtimeForked = (group: number) =>
  until("the runtime", () => runtimeIn(group) !== undefined, 60_000, PS_LOOK_MS);

/** Lines of a stack trace, which a refusal must not print. */
const STACK_LINE = /^\s+at /m;

describe("npm start ending before it is ready", () => {
  it("refuses a port it may not listen on in one line naming --port, exit code 2", async () => {
    // Ports below this one need privileges (Linux's setting; 1024 elsewhere). Root may use them, so
    // root runs the command as nobody.
    const unprivileged = existsSync("/proc/sys/net/ipv4/ip_unprivileged_port_start")
      ? Number(readFileSync("/proc/sys/net/ipv4/ip_unprivileged_port_start", "utf8"))
      : 1024;
    expect(unprivileged, "a port this machine reserves for privileged users").toBeGreaterThan(80);
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const run = startMain(["--port", "80", "--no-replay", "--out-dir", join(dir, "port-80")], asNobody);
    const { code } = await run.exited;
    expect(run.printed.text).toContain("--port 80: ");
    expect(run.printed.text).toContain("EACCES");
    expect(run.printed.text).not.toMatch(STACK_LINE);
    expect(run.printed.text).not.toContain("Starting");
    expect(code).toBe(2);
  });

  it("stops in one line naming the copy, exit code 1, on a damaged store LevelDB's repair cannot mend", async () => {
    const dataDir = join(dir, "beyond-repair");
    mkdirSync(dataDir, { mode: 0o777 });
    chmodSync(dataDir, 0o777);
    const dynamo = await startDynamoDb(dataDir);
    const client = dynamoDbClient(dynamo.endpoint);
    await client.send(new ListTablesCommand({}));
    client.destroy();
    await dynamo.stop();
    const store = join(dataDir, "dynamodb");
    writeFileSync(join(store, "CURRENT"), "");
    // The store's folder read-only for the user npm start runs as (root reads and writes all, so root runs
    // it as nobody, who owns the store's files): the damage is found, the copy made beside it, and the
    // repair's first new file refused.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    if (asNobody) for (const file of ["", ...readdirSync(store)]) chownSync(join(store, file), 65534, 65534);
    chmodSync(store, 0o555);
    const run = startMain(
      ["--port", "0", "--no-replay", "--data-dir", dataDir, "--out-dir", join(dir, "beyond-repair-out")],
      asNobody,
    );
    const { code } = await run.exited;
    const [copy] = readdirSync(dataDir).filter((name) => name.startsWith("dynamodb.damaged-"));
    expect(readFileSync(join(dataDir, copy ?? "", "CURRENT"), "utf8")).toBe("");
    expect(run.printed.text).toContain(
      `stock-patterns stopped: DynamoDB's store ${store} cannot be opened (Corruption: CURRENT file does not ` +
        `end with newline) and LevelDB's repair did not mend it (IO error: ${store}/`,
    );
    expect(run.printed.text).toContain(
      `It is kept as found in ${join(dataDir, copy ?? "")}; move ${store} aside`,
    );
    expect(run.printed.text).not.toMatch(STACK_LINE);
    expect(code).toBe(1);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it("refuses a port in use in one line naming --port, exit code 2", async () => {
    const taken = createServer();
    const port = Number(new URL(await listen(taken)).port);
    try {
      const run = startMain(["--port", String(port), "--no-replay", "--out-dir", join(dir, "port-in-use")]);
      const { code } = await run.exited;
      expect(run.printed.text).toContain(`--port ${port}: `);
      expect(run.printed.text).not.toMatch(STACK_LINE);
      // Refused before anything starts: it never says it is starting.
      expect(run.printed.text).not.toContain("Starting");
      expect(code).toBe(2);
    } finally {
      taken.close();
    }
  });

  it("refuses an --inspect port in use in one line naming --inspect, exit code 2", async () => {
    const taken = createServer();
    const port = Number(new URL(await listen(taken)).port);
    try {
      const run = startMain([
        "--port",
        "0",
        "--inspect",
        String(port),
        "--no-replay",
        "--out-dir",
        join(dir, "inspect-in-use"),
      ]);
      const { code } = await run.exited;
      // Node's inspector would only warn on stderr and run on without one: refused before anything starts.
      expect(run.printed.text).toContain(
        `--inspect ${port}: 127.0.0.1:${port} is already in use: pass another --inspect N`,
      );
      expect(run.printed.text).not.toMatch(STACK_LINE);
      expect(run.printed.text).not.toContain("Starting");
      expect(code).toBe(2);
    } finally {
      taken.close();
    }
  });

  for (const [when, signal, sendTo] of [
    ["while the emulators start (SIGTERM to it alone)", "SIGTERM", "process"],
    ["while the runtime loads the handlers (Ctrl-C: SIGINT to the group)", "SIGINT", "group"],
  ] as const) {
    it(`stops ${when}, leaving no lock file and no process`, async () => {
      const out = join(dir, signal);
      const run = startMain(["--port", "0", "--no-replay", "--out-dir", out]);
      // The lock is the first thing the start takes; the runtime is forked once the tables exist.
      if (sendTo === "process") await until("the lock file", () => existsSync(join(out, LOCK_FILE)));
      else await runtimeForked(run.group);
      expect(run.printed.text).not.toContain("stock-patterns is running");
      process.kill(sendTo === "group" ? -run.group : run.group, signal);
      const { code } = await run.exited;
      await emptied(run.group);
      expect(run.printed.text).not.toContain("stock-patterns is running");
      expect(existsSync(join(out, LOCK_FILE)), run.printed.text).toBe(false);
      expect(run.printed.text).toContain("Stopped.\n");
      expect(code).toBe(0);
    });
  }

  it("gives up a start that never becomes ready after --start-timeout: one line naming the part, exit code 1", async () => {
    const out = join(dir, "never-ready");
    // Ample for the emulators and tables (under a second on this 2-core machine at load 9, measured from
    // the first line printed to the runtime's fork), so the part given up is the runtime, held below.
    const seconds = 6;
    const run = startMain([
      "--port",
      "0",
      "--no-replay",
      "--out-dir",
      out,
      "--start-timeout",
      String(seconds),
    ]);
    await runtimeForked(run.group);
    // The runtime held before it is ready (SIGSTOP): it never says it is, and nothing else ends the wait.
    const runtime = runtimeIn(run.group)?.pid as number;
    process.kill(runtime, "SIGSTOP");
    const { code } = await run.exited;
    const said = run.printed.text.split("\n").filter((line) => line.includes("did not become ready"));
    expect(said, run.printed.text).toEqual([
      `stock-patterns stopped: the functions' runtime did not become ready within ${seconds} s (--start-timeout); see ${join(out, "logs", "functions.log")}`,
    ]);
    expect(run.printed.text).not.toMatch(STACK_LINE);
    expect(code).toBe(1);
    // What it started is stopped: the held runtime too, and the lock is given back.
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    await emptied(run.group);
  });

  it("leaves no lock file and no process on a forced exit (a second signal) while it starts", async () => {
    const out = join(dir, "forced-out");
    const data = join(dir, "forced-data");
    const run = startMain(["--port", "0", "--no-replay", "--out-dir", out, "--data-dir", data]);
    await runtimeForked(run.group);
    // The runtime held before it is ready: the start waits for it, so the stop asked for waits too.
    const runtime = runtimeIn(run.group)?.pid as number;
    process.kill(runtime, "SIGSTOP");
    process.kill(run.group, "SIGTERM");
    await until("the stop to begin", () => run.printed.text.includes("Stopping"));
    await new Promise((resolve) => setTimeout(resolve, RELAY_WINDOW_MS + 200));
    process.kill(run.group, "SIGTERM"); // later than a relayed copy: a second one, forcing the exit
    const { code } = await run.exited;
    expect(run.printed.text).toContain("Forced exit.");
    expect(code).toBe(130);
    expect(existsSync(join(out, LOCK_FILE)), "out").toBe(false);
    expect(existsSync(join(data, LOCK_FILE)), "data").toBe(false);
    process.kill(runtime, "SIGCONT");
    await emptied(run.group);
  });
});
