// Standard output written with writeSync (main.ts's printOut) keeps every byte whatever stdout is: a pipe
// another process set non-blocking, whose full buffer refuses a write (EAGAIN), hands the rest to
// process.stdout's stream; a reader that stops early and a closed stdout end as before. All through the
// compiled process.

import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { barCsv } from "../bench/files";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "../test/bin";

const dir = mkdtempSync(join(tmpdir(), "patterns-stdout-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 60,000 bars: about 4 MB of JSON Lines, many times a pipe's buffer. */
const bars = join(dir, "SERIES.csv");
writeFileSync(bars, barCsv(60_000, 11));

/**
 * Preloaded into the process: makes its stdout's file description non-blocking, as libuv's pipe open does
 * (net.Socket on fd 1, never used), and reports on fd 3 each write to fd 1 refused with EAGAIN.
 */
const NON_BLOCKING = join(dir, "non-blocking.cjs");
writeFileSync(
  NON_BLOCKING,
  `"use strict";
new (require("node:net").Socket)({ fd: 1, readable: false, writable: true });
const fs = require("node:fs");
const writeSync = fs.writeSync;
fs.writeSync = function (fd, ...rest) {
  try {
    return writeSync.call(this, fd, ...rest);
  } catch (error) {
    if (fd === 1 && error.code === "EAGAIN") writeSync.call(this, 3, "EAGAIN\\n");
    throw error;
  }
};
`,
);

/** What `patterns scan bars --json` writes to a file. */
function toFile(): Buffer {
  const out = join(dir, "out.jsonl");
  const fd = openSync(out, "w");
  try {
    const run = spawnSync(process.execPath, [PATTERNS_BIN, "scan", bars, "--json"], {
      stdio: ["ignore", fd, "pipe"],
    });
    expect([run.status, String(run.stderr)]).toEqual([0, ""]);
  } finally {
    closeSync(fd);
  }
  return readFileSync(out);
}

describe("standard output written with writeSync", () => {
  it(
    "gives a non-blocking pipe that refused a write every byte, through the stream after the refusal",
    async () => {
      const expected = toFile();
      expect(expected.length).toBeGreaterThan(1 << 20);
      const child = spawn(
        process.execPath,
        ["--require", NON_BLOCKING, PATTERNS_BIN, "scan", bars, "--json"],
        { stdio: ["ignore", "pipe", "pipe", "pipe"] },
      );
      const refusals: string[] = [];
      const stderr: string[] = [];
      const chunks: Buffer[] = [];
      child.stderr?.on("data", (chunk: Buffer) => stderr.push(String(chunk)));
      // stdout is read only once a write was refused: until then its buffer fills.
      const refused = new Promise<void>((resolve) =>
        child.stdio[3]?.on("data", (chunk: Buffer) => {
          refusals.push(String(chunk));
          resolve();
        }),
      );
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      await refused;
      child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
      expect(await closed).toBe(0);
      expect(refusals.join("")).toMatch(/^(EAGAIN\n)+$/);
      expect(stderr.join("")).toBe("");
      expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "ends with status 0 and nothing on stderr when the reader stops early (EPIPE), as `| head` does",
    async () => {
      const child = spawn(process.execPath, [PATTERNS_BIN, "scan", bars, "--json"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      const stderr: string[] = [];
      child.stderr?.on("data", (chunk: Buffer) => stderr.push(String(chunk)));
      child.stdout?.once("data", () => child.stdout?.destroy());
      const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect([status, stderr.join("")]).toEqual([0, ""]);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "ends with status 2 when the reader stops early after a bad input was named, in every format",
    async () => {
      // A bad file before the long one: named on stderr, then the reader stopped (status 0 had hidden it).
      const bad = join(dir, "BAD.csv");
      writeFileSync(bad, "Date,Close\n2020-01-02,NaN\n");
      for (const format of ["jsonl", "csv", "table"]) {
        const child = spawn(
          process.execPath,
          [PATTERNS_BIN, "scan", bad, bars, "--format", format, "--jobs", "1"],
          {
            stdio: ["ignore", "pipe", "pipe"],
          },
        );
        const stderr: string[] = [];
        child.stderr?.on("data", (chunk: Buffer) => stderr.push(String(chunk)));
        child.stdout?.once("data", () => child.stdout?.destroy());
        const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
        expect([status, stderr.join("")], format).toEqual([
          2,
          `patterns: ${bad}: row 2: close "NaN" is not a number\n`,
        ]);
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "says on one line that a full disk refused the output, with status 1, not 0 nor a stack",
    () => {
      // Every write to /dev/full fails as a full disk's does (ENOSPC).
      const full = openSync("/dev/full", "w");
      try {
        for (const args of [["scan", bars, "--json"], ["scan", bars], ["stats", bars], ["--help"]]) {
          const run = spawnSync(process.execPath, [PATTERNS_BIN, ...args], {
            stdio: ["ignore", full, "pipe"],
            encoding: "utf8",
          });
          expect([run.status, run.stderr], args.join(" ")).toEqual([
            1,
            "patterns: cannot write standard output: no space left on device\n",
          ]);
        }
      } finally {
        closeSync(full);
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "ends with status 0 and nothing on stderr when stdout is closed, as before",
    () => {
      const run = spawnSync(
        "sh",
        ["-c", 'exec "$0" "$@" >&-', process.execPath, PATTERNS_BIN, "scan", bars, "--json"],
        {
          encoding: "utf8",
        },
      );
      expect([run.status, run.stderr]).toEqual([0, ""]);
    },
    PROCESS_TIMEOUT,
  );
});
