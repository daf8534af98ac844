import { describe, expect, it, vi } from "vitest";
import { capturedOutput } from "../../../test/run";
import { HS_PIVOTS, IHS_PIVOTS, plantedCsv } from "../../../test/series";
import type { CliIo } from "../../io";
import { runCli } from "../../run";
import { FileQueue } from "./file-queue";
import { inThread, workersFor } from "./runner";

/** Twelve planted series, one with a bad close, in a directory "universe". */
const files: Record<string, string> = Object.fromEntries(
  Array.from({ length: 12 }, (_, k) => {
    const noise = (i: number) => (((i + k) * 7919) % 13) / 100;
    const csv = plantedCsv(k % 2 ? HS_PIVOTS : IHS_PIVOTS, { offset: k, noise });
    return [`S${String(k).padStart(2, "0")}.csv`, k === 7 ? csv.replace(/\n(\S+),\S+\n$/, "\n$1,x\n") : csv];
  }),
);

/**
 * Runs `patterns scan universe ARGS` on the files above; with `workers`, a pretend worker runner that
 * scans in this thread too, taking files from the queue it shares (the indices it took in `taken`).
 */
async function scan(args: string[], taken?: number[]) {
  const { output, io: printing } = capturedOutput(true);
  const io: CliIo = {
    read: async (file) => Buffer.from(files[file.replace(/^universe\//, "")] ?? "", "utf8"),
    list: async (path) => (path === "universe" ? { files: Object.keys(files) } : undefined),
    ...printing,
    workers: taken && {
      cores: 2,
      size: async () => 1000,
      runner: () => (inputs, settings, onResult, queue) =>
        inThread(io)(
          inputs,
          settings,
          (index, result) => {
            taken.push(index);
            onResult(index, result);
          },
          queue,
        ),
    },
  };
  const status = await runCli(["scan", "universe", ...args], io);
  return { status, ...output };
}

describe("files shared between this thread and workers", () => {
  it("hands out each file once, in order, to every holder of the same queue", () => {
    const queue = new FileQueue(3);
    // A worker's own queue over the same shared index (as it is started with).
    const worker = new FileQueue(queue.size, queue.next);
    expect([queue.take(), worker.take(), queue.take()]).toEqual([0, 1, 2]);
    expect(worker.take()).toBeUndefined();
    expect(queue.take()).toBeUndefined();
  });

  it.each([["--json"], ["--format", "csv"], []])(
    "prints what one thread prints, in the same order, the bad file named (%s)",
    async (...args) => {
      const taken: number[] = [];
      const shared = await scan(args, taken);
      const alone = await scan(args);
      expect(shared).toEqual(alone);
      expect(alone.status).toBe(2);
      expect(alone.stderr).toBe('patterns: universe/S07.csv: row 39: close "x" is not a number\n');
      // Both scanned: the pretend worker took some files, and not all of them.
      expect(taken.length).toBeGreaterThan(0);
      expect(taken.length).toBeLessThan(Object.keys(files).length);
    },
  );
});

describe("how many worker threads share the inputs", () => {
  it("one a core (or a --jobs) past this thread's, an input each at most, none for one or for standard input", () => {
    const io = (cores?: number): CliIo => ({
      read: async () => new Uint8Array(0),
      list: async () => undefined,
      stdout: () => true,
      stderr: () => undefined,
      ...(cores && { workers: { cores, size: async () => 1000, runner: () => async () => undefined } }),
    });
    const inputs = (n: number, file = "a.csv") => Array.from({ length: n }, () => ({ file, symbol: "A" }));
    expect(workersFor(inputs(10), undefined, io(2))).toBe(1);
    expect(workersFor(inputs(10), 4, io(2))).toBe(3);
    expect(workersFor(inputs(3), 8, io(2))).toBe(2);
    expect(workersFor(inputs(10), 1, io(8))).toBe(0);
    expect(workersFor(inputs(1), 4, io(8))).toBe(0);
    expect(workersFor(inputs(2, "-"), 4, io(8))).toBe(0);
    expect(workersFor(inputs(10), 4, io())).toBe(0);
  });
});

describe("a worker thread that fails", () => {
  it.each([
    ["scan", "scanned"],
    ["stats", "counted"],
  ])("leaves no progress line on the terminal behind its error (patterns %s)", async (command, verb) => {
    // Every file good: no error line of this thread's clears the line first.
    const good = Object.fromEntries(Object.entries(files).filter(([name]) => name !== "S07.csv"));
    let stderr = "";
    const stopped = new Error("a worker thread stopped (exit code 1) before its files were done");
    // The worker fails at once, when the run is two seconds old: this thread's files show the line.
    const failing = () => async () => {
      vi.setSystemTime(Date.now() + 2_000);
      throw stopped;
    };
    const io: CliIo = {
      read: async (file) => Buffer.from(good[file.replace(/^universe\//, "")] ?? "", "utf8"),
      list: async (path) => (path === "universe" ? { files: Object.keys(good) } : undefined),
      stdout: () => true,
      stderr: (text) => {
        stderr += text;
      },
      stderrIsTerminal: true,
      workers: { cores: 2, size: async () => 1000, runner: failing, counter: failing },
    };
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      await expect(runCli([command, "universe"], io)).rejects.toBe(stopped);
    } finally {
      vi.useRealTimers();
    }
    expect(stderr).toBe(`\rpatterns: ${verb} 1/11 files\r\x1b[K`);
  });
});
