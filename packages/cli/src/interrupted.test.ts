// Ctrl-C (SIGINT) or a kill (SIGTERM) sent to the compiled `patterns` process alone, as `kill -INT <pid>`
// does, while it writes to a pipe: every line the reader gets is whole, one line on stderr says how far it got,
// and then the process ends by the signal itself (its default action), so that a shell's script stops too.
// Killed by the signal at once, it had cut its last line in half; ending with status 130, a script went on.

import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeUniverse } from "../bench/files";
import { LONG_PROCESS_TIMEOUT, PATTERNS_BIN } from "../test/bin";

const dir = mkdtempSync(join(tmpdir(), "patterns-interrupted-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 60 files of 5,000 bars: about 18 MB of JSON Lines, hundreds of times a pipe's buffer. */
const FILES = 60;
const universe = writeUniverse(join(dir, "universe"), FILES, 5000);

/** A FIFO at `name` in the test's folder: a pipe, as a shell's `|` gives. */
function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  return path;
}

/** How a run ended, and what it wrote to stderr. */
interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** `patterns ARGS...` started with stdout to `out` (a shell's `exec`: its pid is the patterns process's). */
function started(args: string[], out = "/dev/null"): { child: ChildProcess; ended: Promise<Ended> } {
  const child = spawn("bash", ["-c", 'exec "$@" > "$0"', out, process.execPath, PATTERNS_BIN, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += String(chunk);
  });
  const ended = new Promise<Ended>((resolve) =>
    child.on("close", (status, signal) => resolve({ status, signal, stderr })),
  );
  return { child, ended };
}

/** The scans interruptedScan started, each writing to a pipe of its own. */
let scans = 0;

/**
 * `patterns scan ARGS...` writing to a pipe sent `signal` once its first bytes came: the reader stops reading
 * then, so the scan waits inside a write to the full pipe when the signal comes, and reads on after it, slowly
 * (2 ms after each 16 KiB, as a slow consumer reads). The workers' results, taken each in one task while the
 * signal waited, had kept the threads taking files to the last: "60 of 60 files scanned" in 6 runs of 6.
 */
async function interruptedScan(args: string[], signal: NodeJS.Signals) {
  const pipe = fifo(`scan-${++scans}`);
  const reader = createReadStream(pipe, { highWaterMark: 16 << 10 });
  const { child, ended } = started(["scan", universe, ...args], pipe);
  const chunks: Buffer[] = [];
  let first = true;
  reader.on("data", () => {
    reader.pause();
    if (!first) return void setTimeout(() => reader.resume(), 2);
    first = false;
    setTimeout(() => {
      child.kill(signal);
      setTimeout(() => reader.resume(), 200);
    }, 500);
  });
  reader.on("data", (chunk) => chunks.push(chunk as Buffer));
  const read = new Promise<void>((resolve) => reader.on("close", () => resolve()));
  const [end] = await Promise.all([ended, read]);
  return { ...end, stdout: Buffer.concat(chunks).toString("utf8") };
}

/** What the run prints to its end, uninterrupted. */
function whole(args: string[]): string {
  const run = spawnSync(process.execPath, [PATTERNS_BIN, "scan", universe, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  expect([run.status, run.stderr]).toEqual([0, ""]);
  return run.stdout;
}

/** The universe's member `i`'s symbol (writeUniverse's). */
const member = (i: number) => `SYM${String(i).padStart(3, "0")}`;

describe("patterns scan interrupted while it writes to a pipe", () => {
  it.each([
    { signal: "SIGINT" as const, args: ["--json"] },
    { signal: "SIGTERM" as const, args: ["--format", "csv"] },
  ])(
    "$signal: ends by $signal after the files it took, every line whole ($args)",
    async ({ signal, args }) => {
      const all = whole(args);
      const run = await interruptedScan(args, signal);
      // Nothing after the last line feed: no line cut in half.
      expect(run.stdout.slice(run.stdout.lastIndexOf("\n") + 1)).toBe("");
      // Ended by the signal itself once all is written, as a shell's script needs to stop too.
      expect([run.status, run.signal]).toEqual([null, signal]);
      const said = new RegExp(`^patterns: interrupted by ${signal}: (\\d+) of ${FILES} files scanned\\n$`);
      expect(run.stderr).toMatch(said);
      const done = Number(said.exec(run.stderr)?.[1]);
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(FILES);
      // All the lines of the files done, in order, and none of any other.
      const csv = args.includes("csv");
      const symbolOf = (line: string) => (csv ? line.split(",")[0] : JSON.parse(line).symbol) as string;
      const lines = all.split("\n").slice(0, -1);
      const theirs = lines.filter((line, i) => (csv && i === 0) || symbolOf(line) < member(done));
      expect(run.stdout).toBe(`${theirs.join("\n")}\n`);
    },
    LONG_PROCESS_TIMEOUT,
  );
});

describe("patterns scan interrupted while it writes its table", () => {
  it(
    "writes the table whole, then ends by SIGINT rather than with status 0",
    async () => {
      const table = whole([]);
      // The table is written once every file is scanned: its first bytes say the writing is under way, and
      // the reader, paused then, holds it inside a write to the full pipe when the signal comes.
      expect(Buffer.byteLength(table)).toBeGreaterThan(1 << 20);
      const run = await interruptedScan([], "SIGINT");
      expect([run.status, run.signal]).toEqual([null, "SIGINT"]);
      expect(run.stderr).toBe(`patterns: interrupted by SIGINT: ${FILES} of ${FILES} files scanned\n`);
      expect(run.stdout).toBe(table);
    },
    LONG_PROCESS_TIMEOUT,
  );
});

describe("a bash script interrupted by Ctrl-C while patterns runs in it", () => {
  it(
    "stops there, as bash stops for a command the signal killed: the next command is not run",
    async () => {
      const pipe = fifo("script");
      const reader = createReadStream(pipe);
      // Its own process group, sent SIGINT as a terminal's Ctrl-C sends it: bash and patterns both get it.
      const script = spawn(
        "bash",
        ["-c", '"$@" > "$0"; echo after', pipe, process.execPath, PATTERNS_BIN, "scan", universe, "--json"],
        { detached: true, stdio: ["ignore", "pipe", "pipe"] },
      );
      let said = "";
      script.stdout?.on("data", (chunk: Buffer) => {
        said += String(chunk);
      });
      script.stderr?.on("data", (chunk: Buffer) => {
        said += String(chunk);
      });
      const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        script.on("close", (status, signal) => resolve([status, signal])),
      );
      let stdout = "";
      // Its first bytes: patterns is scanning, its signal handlers in place.
      reader.once("data", () => {
        if (script.pid !== undefined) process.kill(-script.pid, "SIGINT");
      });
      reader.on("data", (chunk) => {
        stdout += String(chunk);
      });
      const read = new Promise<void>((resolve) => reader.on("close", () => resolve()));
      const [end] = await Promise.all([ended, read]);
      expect(said).toMatch(
        new RegExp(`^patterns: interrupted by SIGINT: \\d+ of ${FILES} files scanned\\n$`),
      );
      expect(end).toEqual([null, "SIGINT"]);
      expect(stdout.slice(stdout.lastIndexOf("\n") + 1)).toBe("");
    },
    LONG_PROCESS_TIMEOUT,
  );
});

describe("patterns stats interrupted", () => {
  it(
    "ends by SIGINT after the files it took, printing no evidence of only some of them",
    async () => {
      // The 31st input a pipe: the count is under way once patterns opens it, and waits for its bars.
      const pipe = fifo("SYM999.csv");
      const files = Array.from({ length: FILES }, (_, i) => join(universe, `${member(i)}.csv`));
      const inputs = [...files.slice(0, 30), pipe, ...files.slice(30)];
      const out = join(dir, "stats.out");
      const { child, ended } = started(["stats", ...inputs], out);
      const writer = await open(pipe, "w");
      child.kill("SIGINT");
      // A process that ended reads no more of it (EPIPE): how it ended is asserted below.
      await writer.writeFile(readFileSync(files[0] ?? "")).catch(() => undefined);
      await writer.close();
      const run = await ended;
      expect([run.status, run.signal]).toEqual([null, "SIGINT"]);
      const said = /^patterns: interrupted by SIGINT: (\d+) of 61 files counted, nothing printed\n$/;
      expect(run.stderr).toMatch(said);
      const done = Number(said.exec(run.stderr)?.[1]);
      expect(done).toBeGreaterThan(30);
      expect(done).toBeLessThan(61);
      expect(readFileSync(out, "utf8")).toBe("");
    },
    LONG_PROCESS_TIMEOUT,
  );
});

/**
 * Resolves once process `pid`'s main thread has slept in epoll_wait (Linux's /proc/PID/wchan) at two looks
 * 20 ms apart: Node waits so for its input when it has nothing else to do.
 */
async function reading(pid: number): Promise<void> {
  const asleep = () => readFileSync(`/proc/${pid}/wchan`, "utf8") === "do_epoll_wait";
  for (let seen = 0; seen < 2; seen = asleep() ? seen + 1 : 0)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("patterns scan interrupted while it waits for standard input", () => {
  it(
    "ends at once by SIGINT, though the input never ends",
    async () => {
      const child = spawn(process.execPath, [PATTERNS_BIN, "scan", "-", "--format", "csv"], {
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += String(chunk);
      });
      const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on("close", (status, signal) => resolve([status, signal])),
      );
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += String(chunk);
      });
      // Nothing is printed before a line is (not the CSV header): the run is known to wait on standard input
      // once its main thread sleeps in epoll_wait, which nothing before that read does.
      await reading(child.pid ?? 0);
      child.kill("SIGINT");
      expect(await ended).toEqual([null, "SIGINT"]);
      expect(stdout).toBe("");
      expect(stderr).toBe("patterns: interrupted by SIGINT while reading standard input\n");
      child.stdin.end();
    },
    LONG_PROCESS_TIMEOUT,
  );
});

describe("patterns scan interrupted while it waits for a FIFO given as a FILE", () => {
  it(
    "finishes the input it is on at the first SIGINT and ends at the second, though nothing opens the FIFO to write",
    async () => {
      // Read synchronously, the FIFO held the main thread: no signal but SIGKILL ended the run.
      const path = fifo("never-written.csv");
      const { child, ended } = started(["scan", path, "--format", "csv"]);
      const pid = child.pid ?? 0;
      // The open waits in a thread of libuv's pool, the main thread in epoll_wait.
      await reading(pid);
      child.kill("SIGINT");
      await reading(pid);
      expect(child.exitCode).toBeNull();
      child.kill("SIGINT");
      expect(await ended).toEqual({ status: null, signal: "SIGINT", stderr: "" });
    },
    LONG_PROCESS_TIMEOUT,
  );
});
