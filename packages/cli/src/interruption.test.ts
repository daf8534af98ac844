// A stop signal as a command sees it (io.interruption): no input taken after it, the one under way finished,
// the status a shell gives. The compiled process with real signals: interrupted.test.ts.

import { EvidencePool } from "@stock-patterns/core";
import { describe, expect, it, vi } from "vitest";
import { capturedOutput, readSpx, runPatterns } from "../test/run";
import { type ByteSource, bytesAt, type PositionalSource } from "./bars";
import { workThroughIo } from "./commands/scan/input-work";
import { PART_BYTES } from "./commands/scan/parts";
import { inThread } from "./commands/scan/runner";
import { countWork } from "./commands/stats/counted-file";
import { Interruption } from "./interruption";
import type { CliIo } from "./io";
import { runCli } from "./run";

const FILES = ["AAA.csv", "BBB.csv", "CCC.csv"];

/** Where a test sends the signal: as a file is read, or as output is printed. */
interface Hooks {
  read(file: string): void;
  stdout(text: string | Uint8Array): void;
}

/** Bytes in memory as an open file: read in order, or at a position. */
function openBytes(bytes: Uint8Array): ByteSource & PositionalSource {
  const at = bytesAt(bytes);
  let position = 0;
  return {
    ...at,
    read(into, offset, length) {
      const read = at.readAt(into, offset, length, position);
      position += read;
      return read;
    },
  };
}

/**
 * A run over threads whose every file is the S&P 500 series in memory, printed into `output`: `io` for this
 * thread, with its interruption, and `worker` for a worker's, which takes no signal; `io.workers` is the test's.
 */
async function spxOverThreads() {
  const interruption = new Interruption();
  const bytes = Buffer.from(await readSpx(), "utf8");
  const { output, io: printing } = capturedOutput();
  const io: CliIo = {
    read: async () => bytes,
    withFile: (_file, use) => use(openBytes(bytes)),
    list: async () => undefined,
    ...printing,
    interruption,
  };
  const worker: CliIo = { ...io, interruption: undefined };
  return { interruption, bytes, output, io, worker };
}

/**
 * `patterns ARGS... AAA.csv BBB.csv CCC.csv` (each the S&P 500 series), interrupted by `when`. With `files`,
 * the inputs can also be opened as files, as the installed command's can: their headers then tell they have
 * no Symbol column, and each one's lines are printed as it is scanned; without, each may have one, and the
 * lines are held until every input has told its symbols.
 */
async function interrupted(args: string[], when: (interruption: Interruption) => Hooks, files = false) {
  const interruption = new Interruption();
  const spx = await readSpx();
  const { output, io: printing } = capturedOutput();
  const { read, stdout: print } = when(interruption);
  const status = await runCli([...args, ...FILES], {
    read: async (file) => {
      read(file);
      return Buffer.from(spx, "utf8");
    },
    withFile: files ? (_file, use) => use(openBytes(Buffer.from(spx, "utf8"))) : undefined,
    list: async () => undefined,
    stdout: (text) => {
      print(text);
      return printing.stdout(text);
    },
    stderr: printing.stderr,
    interruption,
  });
  return { status, ...output };
}

/** Interrupted by `signal` at the first output; reads go on. */
const atFirstOutput =
  (signal: "SIGINT" | "SIGTERM") =>
  (interruption: Interruption): Hooks => ({
    read: () => undefined,
    stdout: (text) => {
      if (text.length > 0) interruption.interrupt(signal);
    },
  });

describe("a command stopped by a signal", () => {
  it("scan finishes the file it is on, takes no other and returns 130 (SIGINT) or 143 (SIGTERM)", async () => {
    const spx = await readSpx();
    const first = await runPatterns(["scan", "--json", "AAA.csv"], () => spx);
    expect(first.stdout.split("\n").length).toBeGreaterThan(10);
    expect(await interrupted(["scan", "--json"], atFirstOutput("SIGINT"), true)).toEqual({
      status: 130,
      stdout: first.stdout,
      stderr: "patterns: interrupted by SIGINT: 1 of 3 files scanned\n",
    });
    expect(await interrupted(["scan", "--json"], atFirstOutput("SIGTERM"), true)).toMatchObject({
      status: 143,
    });
  });

  it("scan prints no table, and stats no evidence, of only the inputs done", async () => {
    // A table is printed once all is scanned: the signal comes as the second file is read.
    const atSecondRead = (interruption: Interruption): Hooks => ({
      read: (file) => {
        if (file === FILES[1]) interruption.interrupt("SIGINT");
      },
      stdout: () => undefined,
    });
    expect(await interrupted(["scan"], atSecondRead)).toEqual({
      status: 130,
      stdout: "",
      stderr: "patterns: interrupted by SIGINT: 2 of 3 files scanned, none printed\n",
    });
    // Lines held until every input has told its symbols (none could open as a file here) are not printed.
    expect(await interrupted(["scan", "--json"], atSecondRead)).toEqual({
      status: 130,
      stdout: "",
      stderr: "patterns: interrupted by SIGINT: 2 of 3 files scanned, none printed\n",
    });
    expect(await interrupted(["stats"], atSecondRead)).toEqual({
      status: 130,
      stdout: "",
      stderr: "patterns: interrupted by SIGINT: 2 of 3 files counted, nothing printed\n",
    });
  });
});

describe("a table interrupted while it is printed", () => {
  it("is printed whole, then the run returns 130 as when the signal came before it", async () => {
    const spx = await readSpx();
    const all = await runPatterns(["scan", ...FILES], () => spx);
    expect(all.status).toBe(0);
    // As a real signal, taken in a turn of the event loop once the table's first chunk is written: the
    // table is written synchronously, its formatting and writes one task.
    const duringTable = (interruption: Interruption): Hooks => {
      let printing = false;
      return {
        read: () => undefined,
        stdout: () => {
          if (!printing) setImmediate(() => interruption.interrupt("SIGINT"));
          printing = true;
        },
      };
    };
    expect(await interrupted(["scan"], duringTable, true)).toEqual({
      status: 130,
      stdout: all.stdout,
      stderr: "patterns: interrupted by SIGINT: 3 of 3 files scanned\n",
    });
  });
});

describe("a run of one file stopped by a signal during its scan", () => {
  /**
   * `patterns scan ARGS... AAA.csv`, a signal coming as the file is opened or read: as a real one, it is
   * taken in a turn of the event loop (setImmediate's), never inside the synchronous scan.
   */
  async function signalledScan(args: string[], files: boolean) {
    const interruption = new Interruption();
    const bytes = Buffer.from(await readSpx(), "utf8");
    const comes = () => setImmediate(() => interruption.interrupt("SIGINT"));
    const { output, io: printing } = capturedOutput();
    const status = await runCli(["scan", ...args, "AAA.csv"], {
      read: async () => {
        comes();
        return bytes;
      },
      withFile: files
        ? (_file, use) => {
            comes();
            return use(openBytes(bytes));
          }
        : undefined,
      list: async () => undefined,
      ...printing,
      interruption,
    });
    return { status, ...output };
  }

  it("prints no table and returns 130: the signal came before the table was written", async () => {
    for (const files of [true, false])
      expect(await signalledScan([], files), `opened as a file: ${files}`).toEqual({
        status: 130,
        stdout: "",
        stderr: "patterns: interrupted by SIGINT: 1 of 1 files scanned, none printed\n",
      });
  });

  it("returns 130 once the file's lines are printed, each whole", async () => {
    const spx = await readSpx();
    const all = await runPatterns(["scan", "--json", "AAA.csv"], () => spx);
    expect(await signalledScan(["--json"], true)).toEqual({
      status: 130,
      stdout: all.stdout,
      stderr: "patterns: interrupted by SIGINT: 1 of 1 files scanned\n",
    });
  });
});

describe("a run of one file cut in parts (--jobs 2) stopped by a signal", () => {
  it("prints no table and returns 130 when the signal came as this thread scanned its part", async () => {
    const { interruption, bytes, output, io, worker } = await spxOverThreads();
    io.workers = {
      cores: 2,
      size: async () => PART_BYTES,
      // The worker's part, its result posted as a message: taken in a turn of the event loop, before the
      // signal that came after it, as libuv takes both in one poll (a worker's message, then the signal).
      runner: () => (inputs, settings, onResult) => {
        const scanned = inThread(worker)(inputs, settings, onResult);
        return new Promise((resolve) => setImmediate(() => resolve(scanned)));
      },
    };
    // The signal comes as this thread opens the file for its own part, and is taken in a later turn.
    // (Its first opening reads the header, to learn whether it has a Symbol column, before any scan.)
    let opened = 0;
    io.withFile = (_file, use) => {
      if (++opened === 2) setImmediate(() => interruption.interrupt("SIGINT"));
      return use(openBytes(bytes));
    };
    const status = await runCli(["scan", "--jobs", "2", "AAA.csv"], io);
    expect({ status, ...output }).toEqual({
      status: 130,
      stdout: "",
      stderr: "patterns: interrupted by SIGINT: 1 of 1 files scanned, none printed\n",
    });
  });
});

describe("stats stopped by a signal while it works out the evidence", () => {
  it("prints no evidence and returns 130", async () => {
    // The evidence of the files counted is worked out in one task (30-70 ms for the S&P 500 series, 135-295
    // ms for 300,000 bars or 60 files of 5,000 bars): a signal meanwhile is taken in the turn after it, as a
    // real one is.
    const { evidence } = EvidencePool.prototype;
    let signal: (() => void) | undefined;
    const working = vi.spyOn(EvidencePool.prototype, "evidence").mockImplementation(function (
      this: EvidencePool,
    ) {
      if (signal) setImmediate(signal);
      return evidence.call(this);
    });
    try {
      for (const args of [[], ["--json"]]) {
        const whileWorking = (interruption: Interruption): Hooks => {
          signal = () => interruption.interrupt("SIGINT");
          return { read: () => undefined, stdout: () => undefined };
        };
        expect(await interrupted(["stats", ...args], whileWorking), args.join(" ")).toEqual({
          status: 130,
          stdout: "",
          stderr: "patterns: interrupted by SIGINT: 3 of 3 files counted, nothing printed\n",
        });
      }
    } finally {
      working.mockRestore();
    }
  });
});

describe("stats over threads stopped by a signal", () => {
  it("prints no evidence and returns 130 when the signal came with a worker's last result", async () => {
    const { interruption, bytes, output, io, worker } = await spxOverThreads();
    io.workers = {
      cores: 2,
      size: async () => bytes.length,
      runner: () => async () => undefined,
      // The worker counts the first file and posts its result; the signal comes after the post, once this
      // thread waits for the worker: libuv takes both in one poll, the message first.
      counter: () => (inputs, settings, onResult, queue) =>
        new Promise((resolve) => {
          const index = queue?.take() ?? 0;
          const input = inputs[index];
          const counting = input ? workThroughIo(input, countWork(settings), worker) : undefined;
          setImmediate(() => {
            setImmediate(async () => {
              const counted = await counting;
              if (counted) onResult(index, counted);
              resolve();
            });
            setImmediate(() => interruption.interrupt("SIGINT"));
          });
        }),
    };
    const status = await runCli(["stats", "--jobs", "2", "AAA.csv", "BBB.csv"], io);
    expect({ status, ...output }).toEqual({
      status: 130,
      stdout: "",
      stderr: "patterns: interrupted by SIGINT: 2 of 2 files counted, nothing printed\n",
    });
  });
});

describe("Interruption", () => {
  it("keeps the first signal, and calls each listener once, at once when it came already", () => {
    const interruption = new Interruption();
    const calls: string[] = [];
    interruption.onStop(() => calls.push("before"));
    const forgotten = interruption.onStop(() => calls.push("forgotten"));
    forgotten();
    interruption.interrupt("SIGTERM");
    interruption.interrupt("SIGINT");
    interruption.onStop(() => calls.push("after"));
    expect(calls).toEqual(["before", "after"]);
    expect([interruption.signal, interruption.status]).toEqual(["SIGTERM", 143]);
    expect(() => new Interruption().status).toThrow();
  });
});
