// `patterns scan` of a long file cut by symbol over threads (here two runners in this thread, sharing the
// queue as the main thread and a worker do) prints what one thread's reading of it prints, and when a
// symbol's rows are refused, the rest of the file read as a whole, or an error when what was printed for an
// earlier symbol was not all of its rows.
import { describe, expect, it } from "vitest";
import { barCsv } from "../../../bench/files";
import { capturedOutput } from "../../../test/run";
import { bytesAt } from "../../bars";
import type { CliIo } from "../../io";
import { runCli } from "../../run";
import { inThread } from "./runner";

const HEAD = "Symbol,Date,Open,High,Low,Close,Adj Close,Volume";
/** Scans of 70,000 bars, each twice: 0.5 to 2.5 s alone, longer beside the rest of the suite on two cores. */
const SCAN_TIMEOUT = 30_000;

/** Rows of a symbol (barCsv's bars, seeded by k), each led by its Symbol cell. */
const symbolRows = (symbol: string, bars: number, k: number) =>
  barCsv(bars, k)
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => `${symbol},${line}`);

/** A long file of `rows` under its header. */
const longCsv = (rows: readonly (string | undefined)[]) => `${HEAD}\n${rows.join("\n")}\n`;

/** A long file as R's write.csv writes it: the names, the symbols and the dates quoted. */
const rStyle = (file: string) =>
  file
    .split("\n")
    .map((line, i) => {
      const cells = line.split(",");
      const quoted = i === 0 ? cells.length : Math.min(2, cells.length - 1);
      return cells.map((cell, k) => (k < quoted ? `"${cell}"` : cell)).join(",");
    })
    .join("\n");

/** `row` (Symbol, Date, Open, High, Low, Close, ...) with its close written as `close(close)`. */
function withClose(row: string | undefined, close: (close: string) => string): string {
  const cells = row?.split(",") ?? [];
  cells[5] = close(cells[5] ?? "");
  return cells.join(",");
}

/** 20 symbols of 3,500 daily bars, a symbol at a time: 4.5 MB, past the size a file is cut from. */
const SYMBOLS = Array.from({ length: 20 }, (_, k) => symbolRows(`S${String(k).padStart(2, "0")}`, 3_500, k));

/**
 * Runs `patterns scan ARGS` on `file` (LONG.csv) with two runners: what it prints, how often it opened the
 * file and how often it read it whole (io.read).
 */
async function scanLong(file: string, ...args: string[]) {
  return scanLongWith(undefined, file, ...args);
}

/** A thread's read of a part of the file into shared memory, as io.workers.readInThread gives it. */
type ThreadRead = (file: Buffer, into: Uint8Array, position: number) => Promise<boolean> | undefined;

/** scanLong, with `thread` as the process's reading in a thread of its own; also where it read from. */
async function scanLongWith(thread: ThreadRead | undefined, file: string, ...args: string[]) {
  const bytes = Buffer.from(file);
  const threadReads: number[] = [];
  const { output, io: printing } = capturedOutput(true);
  let opened = 0;
  let readWhole = 0;
  const io: CliIo = {
    read: async () => {
      readWhole++;
      return bytes;
    },
    withFile: (_, use) => {
      opened++;
      let at = 0;
      return use({
        ...bytesAt(bytes),
        read(into, offset, length) {
          const got = Math.min(length, bytes.length - at);
          bytes.copy(into, offset, at, at + got);
          at += got;
          return got;
        },
      });
    },
    list: async () => undefined,
    ...printing,
    workers: {
      cores: 2,
      runner: () => inThread(io),
      size: async () => bytes.length,
      readInThread:
        thread &&
        ((_, into, position) => {
          threadReads.push(position);
          return thread(bytes, into, position);
        }),
    },
  };
  const status = await runCli(["scan", "LONG.csv", ...args], io);
  return { status, ...output, opened, readWhole, threadReads };
}

describe("a long file cut by symbol", () => {
  it(
    "prints what one thread's reading prints, each symbol's rows read where they lie",
    async () => {
      const file = longCsv(SYMBOLS.flat());
      for (const options of [["--json"], ["--format", "csv", "--outcomes"], ["--min-confidence", "70"]]) {
        const cut = await scanLong(file, ...options);
        const whole = await scanLong(file, ...options, "--jobs", "1");
        expect(cut.status).toBe(0);
        expect(cut.stdout.split("\n").length).toBeGreaterThan(100);
        expect(cut.stdout, options.join(" ")).toBe(whole.stdout);
        // Opened to be cut, then once for each symbol's rows; read whole in one thread.
        expect(cut.opened).toBe(21);
        expect(whole.opened).toBe(1);
      }
    },
    SCAN_TIMEOUT,
  );

  it(
    "prints for a file of CR LF breaks or quoted cells what its plain spelling prints, read once into shared memory",
    async () => {
      const dealt = SYMBOLS[0]?.flatMap((_, i) => SYMBOLS.map((symbol) => symbol[i])) ?? [];
      for (const rows of [SYMBOLS.flat(), dealt]) {
        const lf = longCsv(rows);
        const expected = await scanLong(lf, "--json", "--jobs", "1");
        const quoted = rStyle(lf);
        expect(quoted.split("\n")[1]).toMatch(/^"S\d\d","\d{4}-\d\d-\d\d",\d/);
        for (const spelled of [lf.replaceAll("\n", "\r\n"), quoted, quoted.replaceAll("\n", "\r\n")]) {
          const cut = await scanLong(spelled, "--json");
          expect(cut.status).toBe(0);
          expect(cut.stdout.split("\n").length).toBeGreaterThan(20);
          expect(cut.stdout).toBe(expected.stdout);
          expect([cut.opened, cut.readWhole]).toEqual([1, 0]);
        }
      }
      // One line ending in LF alone: the whole file is readSeries' (it cuts such a file otherwise).
      const mixed = `${longCsv(dealt).replaceAll("\n", "\r\n").slice(0, -2)}\n`;
      const whole = await scanLong(mixed, "--json", "--jobs", "1");
      expect(await scanLong(mixed, "--json")).toMatchObject({ status: whole.status, stdout: whole.stdout });
    },
    SCAN_TIMEOUT,
  );

  it(
    "prints for rows by date, then symbol, what one thread's reading prints, the file read once",
    async () => {
      const dealt = SYMBOLS[0]?.flatMap((_, i) => SYMBOLS.map((symbol) => symbol[i])) ?? [];
      const file = longCsv(dealt);
      for (const options of [["--json"], ["--format", "csv", "--latest", "200", "--outcomes"]]) {
        const cut = await scanLong(file, ...options);
        const whole = await scanLong(file, ...options, "--jobs", "1");
        expect(cut.status).toBe(0);
        expect(cut.stdout.split("\n").length).toBeGreaterThan(20);
        expect(cut.stdout, options.join(" ")).toBe(whole.stdout);
        // Read once, through the file opened to be cut, into memory the threads share.
        expect([cut.opened, cut.readWhole]).toEqual([1, 0]);
        expect(whole.readWhole).toBe(1);
      }
      // A close in exponent notation among S07's rows: readSeries reads it, the column reader does not.
      const odd = [...dealt];
      const at = 20 * 1_000 + 7;
      odd[at] = withClose(odd[at], () => "1.2e1");
      const oddFile = longCsv(odd);
      const cut = await scanLong(oddFile, "--json");
      expect(cut.status).toBe(0);
      expect(cut.stdout).toBe((await scanLong(oddFile, "--json", "--jobs", "1")).stdout);
    },
    SCAN_TIMEOUT,
  );

  it(
    "reads rows by date, then symbol, in two halves at once, and the second here when its thread did not",
    async () => {
      const dealt = SYMBOLS[0]?.flatMap((_, i) => SYMBOLS.map((symbol) => symbol[i])) ?? [];
      const file = longCsv(dealt);
      const whole = await scanLong(file, "--json", "--jobs", "1");
      const half = Math.floor(Buffer.byteLength(file) / 2);
      // The thread's part written a turn later (a thread's read ends after this thread's), or not at all:
      // left unread, or filled with other bytes, and false.
      const later = () => new Promise((resolve) => setImmediate(resolve));
      const reads: ThreadRead = async (bytes, into, position) => {
        await later();
        into.set(bytes.subarray(position, position + into.length));
        return true;
      };
      const fails: ThreadRead = async (_, into) => {
        await later();
        into.fill(0x41);
        return false;
      };
      for (const [name, thread] of [
        ["read", reads],
        ["failed", fails],
        ["not started", () => undefined],
      ] as const) {
        const cut = await scanLongWith(thread, file, "--json");
        expect(cut.status, name).toBe(0);
        expect(cut.stdout, name).toBe(whole.stdout);
        expect(cut.threadReads, name).toEqual([half]);
      }
    },
    SCAN_TIMEOUT,
  );

  it(
    "reads the rest of the file as a whole from a symbol whose rows the column reader refuses",
    async () => {
      // A quoted close in S07's rows: readSeries reads it, the column reader does not.
      const rows = SYMBOLS.map((one) => [...one]);
      if (rows[7]) rows[7][1000] = withClose(rows[7][1000], (close) => `"${close}"`);
      const file = longCsv(rows.flat());
      const cut = await scanLong(file, "--json");
      const whole = await scanLong(file, "--json", "--jobs", "1");
      expect(cut.status).toBe(0);
      expect(cut.stdout).toBe(whole.stdout);
      expect(cut.stdout).toMatch(/"symbol":"S19"/);
    },
    SCAN_TIMEOUT,
  );

  it(
    "says which symbol's rows were not all together when the lines printed for it were short of them",
    async () => {
      // One more S00 bar, after all of S00's, among S05's rows: the file read as a whole gives S00 one more
      // bar than its rows cut by symbol did, and those lines were printed.
      const rows = SYMBOLS.map((one) => [...one]);
      const late = symbolRows("S00", 3_501, 0)[3_500] ?? "";
      rows[5]?.splice(1_700, 0, late);
      const file = longCsv(rows.flat());
      const whole = await scanLong(file, "--json", "--jobs", "1");
      expect(whole.status).toBe(0);
      const cut = await scanLong(file, "--json");
      expect(cut.status).toBe(2);
      expect(cut.stderr).toBe(
        'patterns: LONG.csv: the rows of symbol "S00" are not all together, and its lines above were printed before the others were found: scan this file with --jobs 1\n',
      );
      // A table, printed once all is scanned, has printed none of them: it is the whole file's.
      const table = await scanLong(file);
      expect(table).toMatchObject({ status: 0, stderr: "" });
      expect(table.stdout).toBe((await scanLong(file, "--jobs", "1")).stdout);
      expect(table.stdout).toMatch(/of 20 series/);
    },
    SCAN_TIMEOUT,
  );

  it(
    "names the bad row as one thread's reading does",
    async () => {
      // One of S03's closes is zero: refused, by both readings, at its row.
      const rows = SYMBOLS.map((one) => [...one]);
      if (rows[3]) rows[3][2_000] = withClose(rows[3][2_000], () => "0");
      const file = longCsv(rows.flat());
      const whole = await scanLong(file, "--json", "--jobs", "1");
      const cut = await scanLong(file, "--json");
      expect(whole.status).toBe(2);
      // The header, three symbols of 3,500 rows, then the 2,001st of S03.
      expect(whole.stderr).toMatch(/row 12502: close/);
      expect(cut.status).toBe(2);
      expect(cut.stderr).toBe(whole.stderr);
    },
    SCAN_TIMEOUT,
  );

  it(
    "prints no table rows of a file with a bad row, as one thread's reading prints none",
    async () => {
      // One of S15's closes is zero: the symbols before it scanned, on both readings.
      const rows = SYMBOLS.map((one) => [...one]);
      if (rows[15]) rows[15][3_000] = withClose(rows[15][3_000], () => "0");
      const file = longCsv(rows.flat());
      const refused = {
        status: 2,
        stdout: "",
        stderr: "patterns: LONG.csv: row 55502: close 0 is not positive\n",
      };
      expect(await scanLong(file, "--jobs", "1")).toMatchObject(refused);
      expect(await scanLong(file)).toMatchObject(refused);
    },
    SCAN_TIMEOUT,
  );

  it(
    "refuses a symbol the API's rule refuses before any line, as one thread's reading does, rows in any order",
    async () => {
      // S07's rows, all of them, under a symbol with a blank in it.
      const rows = SYMBOLS.map((one, k) => (k === 7 ? one.map((row) => row.replace(/^S07/, "S 07")) : one));
      const dealt = rows[0]?.flatMap((_, i) => rows.map((symbol) => symbol[i])) ?? [];
      // The header, seven symbols of 3,500 rows, then S07's first; by date, the header and S00 to S06.
      for (const [file, row] of [
        [longCsv(rows.flat()), 24_502],
        [longCsv(dealt), 9],
      ] as const) {
        const refused = {
          status: 2,
          stdout: "",
          stderr: `patterns: LONG.csv: row ${row}: symbol must be 1-20 letters, digits or . ^ = _ -, starting with a letter, a digit or ^ (the Symbol cell gives "S 07")\n`,
        };
        expect(await scanLong(file, "--json", "--jobs", "1")).toMatchObject(refused);
        expect(await scanLong(file, "--json")).toMatchObject(refused);
      }
    },
    SCAN_TIMEOUT,
  );
});
