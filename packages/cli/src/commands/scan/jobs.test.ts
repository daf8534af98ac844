// --jobs N beyond the machine's cores: the N threads asked for are started (reading that waits on a disk or
// a network may want them), and one line on stderr says what they cost. Through the compiled process,
// whose cores are this machine's.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { barCsv } from "../../../bench/files";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "../../../test/bin";
import { capturedOutput } from "../../../test/run";
import type { CliIo } from "../../io";
import { runCli } from "../../run";
import { PART_BYTES } from "./parts";
import { inThread } from "./runner";

const dir = mkdtempSync(join(tmpdir(), "patterns-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cores = availableParallelism();
/** One file more than the cores, so that --jobs cores + 1 has a file for each thread. */
const files = Array.from({ length: cores + 1 }, (_, k) => {
  const file = join(dir, `S${k}.csv`);
  writeFileSync(file, barCsv(3_000, k + 1));
  return file;
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [PATTERNS_BIN, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });

describe("--jobs beyond the machine's cores", () => {
  it(
    "starts the threads asked for and says once on stderr what they cost; not at the cores",
    () => {
      const note = `patterns: --jobs ${cores + 1} starts ${cores + 1} threads on ${cores} cores: slower than ${cores} and about 15 MB more memory a thread, unless reading waits on a disk or a network\n`;
      const over = run("scan", ...files, "--json", "--jobs", String(cores + 1));
      const at = run("scan", ...files, "--json", "--jobs", String(cores));
      expect([over.status, over.stderr]).toEqual([0, note]);
      expect([at.status, at.stderr]).toEqual([0, ""]);
      // The same lines either way.
      expect(over.stdout).toBe(at.stdout);
      expect(over.stdout.length).toBeGreaterThan(1000);
      const stats = run("stats", ...files, "--json", "--jobs", String(cores + 1));
      expect([stats.status, stats.stderr]).toEqual([0, note]);
      // One file of 4 MB or more, long enough for a part of 2 MB a thread, cut into as many parts as asked.
      const long = join(dir, "LONG.csv");
      writeFileSync(long, barCsv(45_000 * (cores + 1), 7));
      expect(statSync(long).size).toBeGreaterThanOrEqual((cores + 1) * (PART_BYTES / 2));
      expect(run("scan", long, "--json", "--jobs", String(cores + 1)).stderr).toBe(note);
      // More threads asked for than files: only as many start, and nothing is said.
      expect(run("scan", ...files.slice(0, cores), "--json", "--jobs", "64").stderr).toBe("");
    },
    PROCESS_TIMEOUT,
  );
});

describe("--jobs N on one file of 4 MB or more", () => {
  /**
   * `patterns scan LONG.csv --json ARGS` on one file in memory, its parts scanned in this thread by a
   * pretend runner that notes how many workers were asked of it.
   */
  async function scanLong(text: string, args: string[]) {
    const asked: number[] = [];
    const { output, io: printing } = capturedOutput(true);
    const io: CliIo = {
      read: async () => Buffer.from(text),
      list: async () => undefined,
      ...printing,
      workers: {
        cores: 2,
        size: async () => text.length,
        runner: (count) => {
          asked.push(count);
          return inThread(io);
        },
      },
    };
    const status = await runCli(["scan", "LONG.csv", "--json", ...args], io);
    return { status, asked, ...output };
  }

  it("cuts it into parts of half of 4 MB at least, not one a thread asked for", async () => {
    const text = barCsv(80_000, 7);
    expect(text.length).toBeGreaterThanOrEqual(PART_BYTES);
    expect(text.length).toBeLessThan(3 * (PART_BYTES / 2));
    const alone = await scanLong(text, ["--jobs", "1"]);
    expect(alone.asked).toEqual([]);
    expect(alone.stdout.length).toBeGreaterThan(1000);
    // Two parts: this thread and one worker, as --jobs 2 asks; a thousand asked start no more.
    for (const jobs of ["2", "3", "1000"]) {
      const cut = await scanLong(text, ["--jobs", jobs]);
      expect({ jobs, status: cut.status, asked: cut.asked, stderr: cut.stderr }).toEqual({
        jobs,
        status: 0,
        asked: [1],
        stderr: "",
      });
      expect(cut.stdout).toBe(alone.stdout);
    }
  });
});
