// `patterns stats` over several files, or a long file's symbols, counts them in worker threads too
// (countingThreads, the compiled worker): the counts a worker posts, and those of a long file's symbols
// read where they lie, are the ones this thread makes of the whole files, and the command prints, byte for
// byte, what it prints counting every file whole in one thread, the first bad file's error included.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { barCsv, minuteBarCsv, writeLongUniverse } from "../../../bench/files";
import { CLI_DIR, PATTERNS_BIN, PROCESS_TIMEOUT } from "../../../test/bin";
import { runPatterns } from "../../../test/run";
import { withFileSource } from "../../file-source";
import type { CliIo } from "../../io";
import { countingThreads } from "../../workers";
import type { Input } from "../scan/inputs";
import { PART_BYTES } from "../scan/parts";
import { bySymbol } from "../scan/symbol-rows";
import { type CountedResult, type CountSettings, countedFile, countedRows } from "./counted-file";

const WORKER = join(CLI_DIR, "dist/worker.cjs");

const dir = mkdtempSync(join(tmpdir(), "stats-threads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Enough files that the worker, which starts while this thread counts, takes some of them: daily and
// one-minute series, a long file with a Symbol column, and one that the column reader declines (quoted).
const names: string[] = [];
for (let k = 0; k < 24; k++) {
  const name = `S${String(k).padStart(2, "0")}.csv`;
  writeFileSync(join(dir, name), k % 3 === 1 ? minuteBarCsv(2_000 + 97 * k, k) : barCsv(2_500 + 61 * k, k));
  names.push(name);
}
writeLongUniverse(dir, 4, 1_500);
names.push("LONG.csv");
writeFileSync(join(dir, "QUOTED.csv"), barCsv(1_800, 99).replace(/^(\d{4}-\d\d-\d\d),/gm, '"$1",'));
names.push("QUOTED.csv");
names.sort();

/** `patterns stats ARGS` as a process (worker threads when the machine has two cores or more). */
const processRun = (...args: string[]) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [PATTERNS_BIN, "stats", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return { status, stdout, stderr };
};

/** `patterns stats ARGS` in this thread, every file counted here, whole (the test io has no workers). */
const threadRun = (...args: string[]) =>
  runPatterns(
    ["stats", ...args],
    (file) => readFileSync(file, "utf8"),
    async (path) => (path === dir ? { files: [...names] } : undefined),
  );

// Long files past the size scan cuts by symbol, their rows a symbol at a time and by date, then symbol.
const longDir = mkdtempSync(join(tmpdir(), "stats-long-"));
afterAll(() => rmSync(longDir, { recursive: true, force: true }));
const longFiles = [writeLongUniverse(longDir, 20, 4_500), writeLongUniverse(longDir, 20, 4_500, true)];

/** What the real process gives bySymbol: files read where they lie, their sizes, two cores. */
const cuttingIo = {
  withFile: withFileSource,
  workers: {
    cores: 2,
    size: async (file: string) => statSync(file).size,
    runner: () => {
      throw new Error("not used by bySymbol");
    },
  },
} as unknown as CliIo;

describe("patterns stats over worker threads", () => {
  it(
    "posts from a worker the counts this thread makes of the same files",
    async () => {
      const inputs: Input[] = names.map((name) => ({ file: join(dir, name), symbol: name.slice(0, -4) }));
      inputs.push({ file: join(dir, "missing.csv"), symbol: "missing" });
      const settings: CountSettings = { count: { asOf: "1905-03-01" }, bandwidth: 1 };
      const posted: CountedResult[] = [];
      await countingThreads(1, WORKER)(inputs, settings, (index, result) => {
        posted[index] = result;
      });
      const here = inputs.map((input, k): CountedResult => {
        if (k === inputs.length - 1) return { error: `cannot read ${input.file}: no such file` };
        return countedFile(readFileSync(input.file), input, settings, undefined);
      });
      expect(posted).toEqual(here);
      // Not vacuous: series were counted, with detections, some resolved.
      const counted = here.flatMap((result) => ("counted" in result ? result.counted : []));
      expect(counted.length).toBe(names.length + 3);
      expect(counted.reduce((n, one) => n + one.codes.length, 0)).toBeGreaterThan(1000);
      expect(counted.some((one) => one.outcomes.some((outcome) => outcome !== 0))).toBe(true);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "prints what one thread prints, as a table and as JSON, as of the end or of a time",
    async () => {
      for (const args of [
        [dir],
        [dir, "--json"],
        [dir, "--json", "--as-of", "1905-03-01"],
        [dir, "--json", "--jobs", "1"],
        [dir, "--json", "--jobs", "3"],
      ]) {
        const expected = await threadRun(...args);
        expect(expected.status, args.join(" ")).toBe(0);
        expect(expected.stdout.length).toBeGreaterThan(1000);
        // Three threads on fewer cores are noted on stderr (scan/jobs.test.ts): the rest is the same.
        const run = processRun(...args);
        expect({ ...run, stderr: run.stderr.replace(/^patterns: --jobs .*\n/, "") }).toEqual(expected);
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "names the first bad file in the files' order, as one thread does, however the threads took them",
    async () => {
      writeFileSync(join(dir, "S05.csv"), "Date,Close\n2020-01-02,10\n2020-01-01,11\n");
      writeFileSync(join(dir, "S20.csv"), "Date,Close\n2020-01-02,abc\n");
      try {
        const expected = await threadRun(dir, "--json");
        expect(expected).toMatchObject({ status: 2, stdout: "" });
        expect(expected.stderr).toMatch(/^patterns: .*S05\.csv: row 3: /);
        expect(processRun(dir, "--json")).toEqual(expected);
      } finally {
        writeFileSync(join(dir, "S05.csv"), barCsv(2_500 + 61 * 5, 5));
        writeFileSync(join(dir, "S20.csv"), barCsv(2_500 + 61 * 20, 20));
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "counts a long file's symbols, cut as scan cuts them, as the whole file's series",
    async () => {
      const settings: CountSettings = { count: { asOf: "1905-03-01" }, bandwidth: 1 };
      for (const file of longFiles) {
        expect(statSync(file).size).toBeGreaterThan(PART_BYTES);
        const symbols = await bySymbol([{ file, symbol: "LONG" }], settings, undefined, cuttingIo);
        expect(symbols).toHaveLength(20);
        const whole = countedFile(readFileSync(file), { file, symbol: "LONG" }, settings, undefined);
        if (!("counted" in whole)) throw new Error(`${file} not counted`);
        const cut = symbols.map((input) =>
          withFileSource(file, (source) => countedRows(source, input, settings)),
        );
        expect(cut).toEqual(
          whole.counted.map((one, k) => ({ counted: [one], symbols: [whole.symbols[k]], bars: 4_500 })),
        );
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "prints for a long file what one thread prints reading it whole, also when a symbol's rows are declined",
    async () => {
      const [bySymbolFile = "", byDateFile = ""] = longFiles;
      for (const args of [
        [bySymbolFile, "--json"],
        [byDateFile],
        [byDateFile, "--json", "--as-of", "1905-03-01"],
        [byDateFile, "--json", "--jobs", "1"],
      ]) {
        const expected = await threadRun(...args);
        expect(expected.status, args.join(" ")).toBe(0);
        expect(processRun(...args)).toEqual(expected);
      }
      // A quoted cell in one symbol's rows: the column reader declines them, the file is counted whole.
      const text = readFileSync(bySymbolFile, "utf8");
      const quoted = join(longDir, "QUOTED-LONG.csv");
      writeFileSync(quoted, text.replace(/^SYM007,1900-01-05,/m, 'SYM007,"1900-01-05",'));
      const bad = join(longDir, "BAD-LONG.csv");
      writeFileSync(bad, text.replace(/^(SYM011,1900-01-09,)[0-9.]+,/m, "$1abc,"));
      for (const file of [quoted, bad]) {
        const expected = await threadRun(file, "--json");
        expect(processRun(file, "--json")).toEqual(expected);
      }
      expect((await threadRun(quoted)).status).toBe(0);
      expect((await threadRun(bad)).stderr).toMatch(/^patterns: .*BAD-LONG\.csv: row \d+: /);
    },
    PROCESS_TIMEOUT,
  );
});
