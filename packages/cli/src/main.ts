// The `patterns` process: real files, standard streams, worker threads, exit status.

import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { buffer } from "node:stream/consumers";
import { runCli } from "./run";
import { workerThreads } from "./workers";

// A reader that stops early (`patterns scan x | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Writes to a pipe wait for the reader, as other Unix tools' do (files are written synchronously anyway):
// a chunk printed is then written when write returns, and the scan writes its next lines into it. stderr
// too: on one pipe (`2>&1 |`) both share its non-blocking flag, which opening stderr set again, so a long
// stdout write went on in the background and an error line landed inside a JSON line.
for (const stream of [process.stdout, process.stderr])
  (
    stream as unknown as { _handle?: { setBlocking?: (blocking: boolean) => unknown } }
  )._handle?.setBlocking?.(true);

/** Whether `path` is a directory (false when it cannot be stat'ed at all, as for a file not found). */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// Beside this file once compiled (dist/main.mjs, dist/worker.cjs).
const WORKER = new URL("./worker.cjs", import.meta.url);

const status = await runCli(process.argv.slice(2), {
  read: (file) => (file === "-" ? buffer(process.stdin) : readFile(file)),
  withFile: (file, use) => {
    const fd = openSync(file, "r");
    try {
      const size = fstatSync(fd).size;
      return use({ size, read: (into, at, length) => readSync(fd, into, at, length, null) });
    } finally {
      closeSync(fd);
    }
  },
  // Synchronous: the worker threads start once the files are listed (under 1 ms for 500 names), and a
  // listing through the thread pool waits for its threads to start first.
  list: async (path) => (isDirectory(path) ? readdirSync(path) : undefined),
  // Nothing left queued: the bytes are written (a file's writes are synchronous, a pipe's since setBlocking).
  stdout: (out) => {
    process.stdout.write(out);
    return process.stdout.writableLength === 0;
  },
  stderr: (err) => process.stderr.write(err),
  stderrIsTerminal: process.stderr.isTTY === true && process.stdout.isTTY !== true,
  workers: {
    cores: availableParallelism(),
    runner: (count) => workerThreads(count, WORKER),
    size: async (file) => {
      const found = await stat(file).catch(() => undefined);
      return found?.isFile() ? found.size : undefined;
    },
  },
});
// Every byte is written by now (a file's writes are synchronous, a pipe's since setBlocking): end at once,
// without the teardown of this thread's heap that a natural end waits for (the universe's last result to
// its exit: 28-32 -> 23-26 ms, 3 timelines each).
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(status);
process.exitCode = status;
