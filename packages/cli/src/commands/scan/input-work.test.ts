import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ByteSource, PositionalSource, SharedRuns } from "../../bars";
import type { CliIo } from "../../io";
import { type InputWork, workInThread, workThroughIo } from "./input-work";
import type { Input } from "./inputs";

const dir = mkdtempSync(join(tmpdir(), "input-work-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILE = join(dir, "spx.csv");
writeFileSync(FILE, "Date,Close\n2020-01-02,10\n");
const MISSING = join(dir, "missing.csv");

/** The first `n` bytes a source holds, read at position 0. */
function firstBytes(source: PositionalSource, n: number): string {
  const into = new Uint8Array(n);
  return Buffer.from(into.subarray(0, source.readAt(into, 0, n, 0))).toString();
}

/** A work that says which of its ways it was given the input by, and what it read there. */
const saying: InputWork<string> = {
  placed: (input, source) => `placed ${input.symbol}: ${source ? firstBytes(source, 4) : "shared runs"}`,
  whole: (input, bytes) => `whole ${input.symbol}: ${Buffer.from(bytes).toString().slice(0, 4)}`,
  streamed: (input, source: ByteSource) =>
    input.symbol === "DECLINED" ? undefined : `streamed ${source.size}`,
};

const RUNS = { shared: {} as SharedRuns, first: 0 };
const ROWS = { rows: {} } as unknown as Pick<Input, "rows">;
const PART = { part: { from: 0, to: 0.5 } };

/** An io over the file system, with or without withFile; each read and open written down in `calls`. */
function fileIo(opens: boolean): CliIo & { calls: string[] } {
  const calls: string[] = [];
  const io: CliIo & { calls: string[] } = {
    calls,
    read: async (file) => {
      calls.push(`read ${file}`);
      return readFileSync(file);
    },
    list: async () => undefined,
    stdout: () => true,
    stderr: () => undefined,
  };
  if (opens)
    io.withFile = (file, use) => {
      calls.push(`open ${file}`);
      const bytes = readFileSync(file);
      return use({
        size: bytes.length,
        read: () => 0,
        readAt: (into, at, length, position) => {
          const end = Math.min(bytes.length, position + length);
          into.set(bytes.subarray(position, end), at);
          return Math.max(0, end - position);
        },
      });
    };
  return io;
}

describe("an input's work in a worker thread", () => {
  const readWhole = (file: string) => readFileSync(file);

  it("gives shared runs, rows and parts where they lie, any other file whole", () => {
    expect(workInThread({ file: MISSING, symbol: "A", runs: RUNS }, saying, readWhole)).toBe(
      "placed A: shared runs",
    );
    expect(workInThread({ file: FILE, symbol: "B", ...ROWS }, saying, readWhole)).toBe("placed B: Date");
    expect(workInThread({ file: FILE, symbol: "C", ...PART }, saying, readWhole)).toBe("placed C: Date");
    expect(workInThread({ file: FILE, symbol: "D" }, saying, readWhole)).toBe("whole D: Date");
  });

  it("says why a file could not be read, and throws what is not the file system's", () => {
    expect(workInThread({ file: MISSING, symbol: "A", ...PART }, saying, readWhole)).toEqual({
      error: `cannot read ${MISSING}: no such file`,
    });
    expect(workInThread({ file: dir, symbol: "A" }, saying, readWhole)).toEqual({
      error: `cannot read ${dir}: it is a directory`,
    });
    const failing: InputWork<string> = {
      ...saying,
      placed: () => {
        throw new RangeError("a fault of the work");
      },
    };
    expect(() => workInThread({ file: FILE, symbol: "A", ...ROWS }, failing, readWhole)).toThrow(
      "a fault of the work",
    );
  });
});

describe("an input's work in the main thread", () => {
  it("opens a file to read it where it lies or a piece at a time, whole when the work declines", async () => {
    const io = fileIo(true);
    expect(await workThroughIo({ file: FILE, symbol: "A", runs: RUNS }, saying, io)).toBe(
      "placed A: shared runs",
    );
    expect(await workThroughIo({ file: FILE, symbol: "B", ...ROWS }, saying, io)).toBe("placed B: Date");
    expect(await workThroughIo({ file: FILE, symbol: "C" }, saying, io)).toBe("streamed 25");
    expect(await workThroughIo({ file: FILE, symbol: "DECLINED" }, saying, io)).toBe("whole DECLINED: Date");
    expect(io.calls).toEqual([`open ${FILE}`, `open ${FILE}`, `open ${FILE}`, `read ${FILE}`]);
  });

  it("opens no file for work that reads whole files only", async () => {
    const io = fileIo(true);
    const { streamed: _, ...wholeOnly } = saying;
    expect(await workThroughIo({ file: FILE, symbol: "W" }, wholeOnly, io)).toBe("whole W: Date");
    expect(await workThroughIo({ file: FILE, symbol: "R", ...ROWS }, wholeOnly, io)).toBe("placed R: Date");
    expect(io.calls).toEqual([`read ${FILE}`, `open ${FILE}`]);
  });

  it("reads standard input whole, and an input placed in a file it cannot open where it lies in its bytes", async () => {
    const opening = fileIo(true);
    const read = async () => Buffer.from("Date,Close\n");
    expect(await workThroughIo({ file: "-", symbol: "S" }, saying, { ...opening, read })).toBe(
      "whole S: Date",
    );
    expect(opening.calls).toEqual([]);
    const io = fileIo(false);
    expect(await workThroughIo({ file: FILE, symbol: "P", ...PART }, saying, io)).toBe("placed P: Date");
    expect(await workThroughIo({ file: FILE, symbol: "W" }, saying, io)).toBe("whole W: Date");
    expect(io.calls).toEqual([`read ${FILE}`, `read ${FILE}`]);
  });

  it("says why a file could not be read, opened or not, and throws what is not the file system's", async () => {
    for (const opens of [true, false]) {
      expect(await workThroughIo({ file: MISSING, symbol: "A" }, saying, fileIo(opens))).toEqual({
        error: `cannot read ${MISSING}: no such file`,
      });
    }
    const failing: InputWork<string> = {
      ...saying,
      streamed: () => {
        throw new RangeError("a fault of the work");
      },
    };
    await expect(workThroughIo({ file: FILE, symbol: "A" }, failing, fileIo(true))).rejects.toThrow(
      "a fault of the work",
    );
  });
});
