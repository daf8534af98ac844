// The `patterns` process: real files, standard streams, worker threads, exit status.

import type { Stats } from "node:fs";
import { systemWords } from "./commands/scan/read-failure";
import { withFileSource } from "./file-source";
import { restartWithHugePages } from "./huge-pages";
import { Interruption, STOP_SIGNALS, type StopSignal } from "./interruption";
import type { DirectoryEntries } from "./io";
import { readToEnd } from "./read-to-end";
import { runCli } from "./run";
import { countingThreads, readInThread, workerThreads } from "./workers";

// Node's modules this process needs only now and then (a file read whole, standard input, the cores to
// spread files over) are loaded when first used: each costs its load at start otherwise (fs/promises
// 3-10 ms, os 1-1.6 at load 3), and a run of one file needs none of them.
const builtin = <T>(name: string) => process.getBuiltinModule(name) as T;

// node:fs as Node's own object, not `import ... from "node:fs"`: the module namespace Node builds for that
// import reads every export, fs.promises too, which loads fs/promises and 14 stream modules (an empty
// module importing it: +8 ms CPU, +160 page faults, 15 runs at load 6).
const { readdirSync, realpathSync, statSync, writeSync } = builtin<typeof import("node:fs")>("node:fs");

/**
 * Whether standard output is still written with writeSync: a file, a pipe, a terminal or /dev/null alike,
 * every byte written when it returns (a pipe waits for its reader, as other Unix tools' writes do). Then
 * process.stdout, whose stream and the modules it loads took 4-6 ms to make for a file and 8-13 ms for a
 * pipe (load 3-4), is never made. A write refused (a pipe set non-blocking by another process and full,
 * a full disk) hands this and every later write to process.stdout's stream, which waits or reports the error
 * as it always did.
 */
let stdoutSync = true;

/**
 * The status to end with when standard output's reader stops early (EPIPE: `patterns scan x | head`): 0,
 * or 2 once an input was refused (named on stderr), as the run would have ended; 0 had hidden it from a
 * script's `set -o pipefail`.
 */
let readerGoneStatus = 0;

/** Writes `out` to standard output; true when every byte is written by the time it returns. */
function printOut(out: string | Uint8Array): boolean {
  let rest = out;
  if (stdoutSync) {
    const bytes = typeof out === "string" ? Buffer.from(out, "utf8") : out;
    let at = 0;
    try {
      while (at < bytes.length) at += writeSync(1, bytes, at, bytes.length - at);
      return true;
    } catch (error) {
      // A reader that stops early (`patterns scan x | head`) is not an error (readerGoneStatus).
      if ((error as NodeJS.ErrnoException).code === "EPIPE") process.exit(readerGoneStatus);
      // Only a pipe that refused this write for now (EAGAIN) takes the rest later; a full disk never will.
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") outputLost(error);
      stdoutSync = false;
      rest = bytes.subarray(at);
    }
  }
  const stream = standardStream("stdout");
  stream.write(rest);
  return stream.writableLength === 0;
}

/**
 * Ends the run when standard output refused its bytes for good (a full disk: ENOSPC), on one line and with
 * status 1: a script must not read the lines it did not get as success (status 0), nor a stack.
 */
function outputLost(error: unknown): never {
  printErr(`patterns: cannot write standard output: ${systemWords(error)}\n`);
  process.exit(1);
}

/** Writes to a pipe block (wait for the reader), as other Unix tools' do; see standardStream. */
const setBlocking = (stream: NodeJS.WriteStream) =>
  (
    stream as unknown as { _handle?: { setBlocking?: (blocking: boolean) => unknown } }
  )._handle?.setBlocking?.(true);

let stdoutMade = false;
let stderrMade = false;
/**
 * Whether stderr refused a write: its reader gone (EPIPE: `2> >(head -1)`, `2>&1 | head` read to its end)
 * or a full disk (ENOSPC: `2>/dev/full`). The lines it would have taken are lost, and the run goes on, its
 * output and exit status as they would have been (an error thrown on stderr had ended it with status 1 and
 * a stack, before the files after the bad one were printed).
 */
let stderrGone = false;

/** Writes `text` to stderr, unless it refused a write before (stderrGone). */
function printErr(text: string): void {
  if (stderrGone) return;
  try {
    // A file's stream (2>/dev/full, 2>file on a full disk) throws its write's error here; a pipe's emits it.
    standardStream("stderr").write(text);
  } catch {
    stderrGone = true;
  }
}

/**
 * process.stdout or process.stderr (made at their first use: a stream and the modules it loads, 4-10 ms),
 * its writes blocking. Writes to a pipe wait for the reader, as other Unix tools' do (files are written
 * synchronously anyway): a chunk printed is then written when write returns, and the scan writes its next
 * lines into it. Both set so when made: on one pipe (`2>&1 |`) they share its non-blocking flag, which making
 * the other sets again, so a long stdout write went on in the background and an error line landed inside
 * a JSON line.
 */
function standardStream(which: "stdout" | "stderr"): NodeJS.WriteStream {
  if (which === "stdout" && !stdoutMade) {
    stdoutMade = true;
    // A reader that stops early (`patterns scan x | head`) is not an error (readerGoneStatus).
    onErrorOf(process.stdout, (error) => {
      if (error.code === "EPIPE") process.exit(readerGoneStatus);
      outputLost(error);
    });
    setBlocking(process.stdout);
  } else if (which === "stderr" && !stderrMade) {
    stderrMade = true;
    onErrorOf(process.stderr, () => {
      stderrGone = true;
    });
    setBlocking(process.stderr);
  }
  return process[which];
}

/**
 * Listens to a standard stream's errors without Node's warning of a listener leak: each worker thread's
 * stdio is piped into this process's streams, an error listener each, so with ten workers or more (--jobs
 * 11, or the default on 11 cores or more) this one was the eleventh and a MaxListenersExceededWarning
 * landed on stderr beside the run's own lines. Node's own pipes from workers lift the limit so.
 */
function onErrorOf(stream: NodeJS.WriteStream, listener: (error: NodeJS.ErrnoException) => void): void {
  const limit = stream.getMaxListeners();
  stream.setMaxListeners(0);
  stream.on("error", listener);
  stream.setMaxListeners(limit);
}

/** Whether every byte written to the standard streams made so far is written. */
const allWritten = () =>
  (!stdoutMade || process.stdout.writableLength === 0) &&
  (!stderrMade || process.stderr.writableLength === 0);

/** What `path` is, or undefined when it cannot be stat'ed at all (as for a file not found). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A directory's entries that may be series files: its sub-directories (and links to one) are not, whatever
 * their names (a folder named 2020.csv is passed over, not reported as a file that could not be read); what
 * is no regular file (a FIFO, a socket, a device, or a link to one) is told apart, as its read may never end.
 */
function seriesEntries(path: string): DirectoryEntries {
  const files: string[] = [];
  const others: string[] = [];
  const links: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isFile()) files.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const target = statOf(`${path}/${entry.name}`);
      // A link to nothing is a file whose read says where it leads (read-failure.ts).
      if (target === undefined || target.isFile()) {
        files.push(entry.name);
        links.push(entry.name);
      } else if (!target.isDirectory()) others.push(entry.name);
    } else if (!entry.isDirectory()) others.push(entry.name);
  }
  return { files, others, links };
}

// Beside this file once compiled (dist/main.cjs, dist/worker.cjs).
const WORKER = builtin<typeof import("node:path")>("node:path").join(__dirname, "worker.cjs");

/**
 * Ctrl-C (SIGINT) and a kill (SIGTERM) stop the run between its tasks rather than kill it inside a write: a
 * line half written to a pipe (`patterns scan DIR --json | tee out.jsonl`) was cut there. The command takes
 * no new input, ends its own (its lines whole) and returns 130 or 143; a second signal ends the process at
 * once, when nothing it printed is still queued (every write is whole between tasks).
 */
const interruption = new Interruption();
const onStopSignal = (signal: StopSignal) => {
  if (interruption.signal !== undefined && allWritten()) endByStopSignal();
  interruption.interrupt(signal);
};
for (const signal of STOP_SIGNALS) process.on(signal, onStopSignal);

/**
 * Ends the process by the stop signal that came, its default action, once all is written: a parent then sees
 * a process the signal killed. bash stops a script at a command killed by the SIGINT it got too (Ctrl-C), and
 * went on to the script's next command after `patterns` exited with status 130. The status stays if the
 * signal does not end the process.
 */
function endByStopSignal(): never {
  const { signal } = interruption;
  if (signal === undefined) throw new Error("no signal came");
  for (const stop of STOP_SIGNALS) process.off(stop, onStopSignal);
  process.kill(process.pid, signal);
  process.exit(interruption.status);
}

/**
 * Standard input's bytes, to its end (read-to-end.ts). A stop signal meanwhile ends the run at once (nothing
 * of it is scanned or printed yet): a person who typed `patterns scan -` and then Ctrl-C waited on a read
 * nothing ended.
 */
function readStdin(): Promise<Uint8Array> {
  // A folder as standard input (`patterns scan - < data`) reads as nothing at all in Node's stream.
  if (statOf("/dev/stdin")?.isDirectory())
    return Promise.reject(
      Object.assign(new Error("EISDIR: illegal operation on a directory, read"), { code: "EISDIR" }),
    );
  const forget = interruption.onStop(() => {
    printErr(`patterns: interrupted by ${interruption.signal} while reading standard input\n`);
    endByStopSignal();
  });
  return readToEnd(process.stdin).finally(forget);
}

/**
 * The bytes of a FILE that is a pipe or a device (`<(...)`, a FIFO), to its end, read through this thread's
 * event loop: the input a run is on when a stop signal comes is finished as any other, and a second signal
 * ends the run at once. Read synchronously, it held the thread, so no signal but SIGKILL ended a run waiting
 * on a FIFO without a writer, and /dev/zero grew the process until the system killed it.
 */
const readPiped = (file: string): Promise<Uint8Array> =>
  readToEnd(builtin<typeof import("node:fs")>("node:fs").createReadStream(file));

/** Whether `file` is a regular file (read with one call), or not there at all (the read then says why). */
const readAtOnce = (file: string) => statOf(file)?.isFile() ?? true;

// CommonJS (no top-level await): Node loads it without its ES module loader (see scripts/build.mjs).
runCli(process.argv.slice(2), {
  read: (file) =>
    file === "-"
      ? readStdin()
      : readAtOnce(file)
        ? // Synchronous: a file the column reader declines is read whole, and fs/promises' reads of 512 KiB,
          // each a turn through the thread pool, left this thread idle ~100 ms for 21 MB (--cpu-prof).
          Promise.resolve(builtin<typeof import("node:fs")>("node:fs").readFileSync(file))
        : readPiped(file),
  withFile: withFileSource,
  // Synchronous: the worker threads start once the files are listed (under 1 ms for 500 names), and a
  // listing through the thread pool waits for its threads to start first.
  list: async (path) => (statOf(path)?.isDirectory() ? seriesEntries(path) : undefined),
  realPath: (path) => {
    try {
      return realpathSync(path);
    } catch {
      // A pipe's /dev/fd/63 is there but its link names no path ("pipe:[...]"): itself. Anything else is not
      // there, or not to be reached (a folder on its way this user may not search): its read says which.
      return statOf(path) === undefined ? undefined : path;
    }
  },
  stdout: printOut,
  stderr: printErr,
  inputRefused: () => {
    readerGoneStatus = 2;
  },
  interruption,
  restartWithHugePages: () => restartWithHugePages(),
  // Asked only once a scan has taken a second (Progress).
  get stderrIsTerminal() {
    return (
      standardStream("stderr").isTTY === true && !builtin<typeof import("node:tty")>("node:tty").isatty(1)
    );
  },
  workers: {
    get cores() {
      return builtin<typeof import("node:os")>("node:os").availableParallelism();
    },
    runner: (count) => workerThreads(count, WORKER),
    counter: (count) => countingThreads(count, WORKER),
    readInThread: (file, into, position) => readInThread(WORKER, file, into, position),
    size: async (file) => {
      const found = statOf(file);
      return found?.isFile() ? found.size : undefined;
    },
  },
}).then((status) => {
  const stopped = interruption.signal !== undefined && status === interruption.status;
  // Every byte is written by now (writeSync's, or the stream's since setBlocking): end at once,
  // without the teardown of this thread's heap that a natural end waits for (the universe's last result to
  // its exit: 28-32 -> 23-26 ms, 3 timelines each).
  if (allWritten()) {
    if (stopped) endByStopSignal();
    process.exit(status);
  }
  process.exitCode = status;
  // Stopped: by the signal once the rest is written.
  if (stopped) process.once("beforeExit", endByStopSignal);
});
