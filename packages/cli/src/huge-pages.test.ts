// A run about to read a large file whole restarts with glibc asking for huge pages where that gives them
// (huge-pages.ts): when it does, and that the restarted run prints and exits as the run it replaced would.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PATTERNS_BIN } from "../test/bin";
import {
  type HugePagesHost,
  hugePagesWanted,
  restartWithHugePages,
  TUNABLE,
  thisProcess,
} from "./huge-pages";

/** A glibc Linux with THP "madvise" and a Node that can replace its process, its calls written down. */
function hostWith(change: Partial<HugePagesHost> = {}) {
  const calls: { file: string; args: string[]; env: Record<string, string | undefined> }[] = [];
  const host: HugePagesHost = {
    platform: "linux",
    env: { HOME: "/home/trader" },
    execve: (file, args, env) => {
      calls.push({ file, args, env });
    },
    hugePagesMode: () => "madvise",
    glibc: () => true,
    execPath: "/usr/bin/node",
    commandArgs: () => ["--require", "x.cjs", "patterns.cjs", "scan", "LONG.csv"],
    ...change,
  };
  return { host, calls };
}

describe("restartWithHugePages", () => {
  it("runs the same command again with the tunable, only where that gives huge pages", () => {
    const { host, calls } = hostWith();
    expect(hugePagesWanted(host)).toBe(true);
    restartWithHugePages(host);
    expect(calls).toEqual([
      {
        file: "/usr/bin/node",
        args: ["/usr/bin/node", "--require", "x.cjs", "patterns.cjs", "scan", "LONG.csv"],
        env: { HOME: "/home/trader", GLIBC_TUNABLES: TUNABLE },
      },
    ]);
    for (const other of [
      { platform: "darwin" },
      { execve: undefined },
      { env: { GLIBC_TUNABLES: "glibc.malloc.arena_max=2" } },
      { env: { GLIBC_TUNABLES: "" } },
      { env: { NODE_CHANNEL_FD: "3" } },
      { hugePagesMode: () => "always" },
      { hugePagesMode: () => "never" },
      { hugePagesMode: () => undefined },
      { glibc: () => false },
    ]) {
      const { host: elsewhere, calls: none } = hostWith(other);
      expect(restartWithHugePages(elsewhere), JSON.stringify(other)).toBe(false);
      expect(none, JSON.stringify(other)).toEqual([]);
    }
  });

  it("goes on as it is when the replacement fails", () => {
    const { host } = hostWith({
      execve: () => {
        throw new Error("EACCES");
      },
    });
    expect(restartWithHugePages(host)).toBe(false);
  });
});

describe("a run over a large file by date, then symbol", () => {
  const dir = mkdtempSync(join(tmpdir(), "huge-pages-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Just past the 64 MB that are worth a restart (symbol-rows.ts), written a day at a time.
  const symbols = Array.from({ length: 50 }, (_, k) => `S${k}`);
  const dayOf = (day: number) => {
    const date = new Date(Date.UTC(1900, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    return symbols
      .map((symbol, k) => {
        const close = (100 + 10 * Math.sin((day + 3 * k) / 5) + ((day * k) % 7) / 10).toFixed(4);
        return `${symbol},${date},${close},${close},${close},${close},1234567\n`;
      })
      .join("");
  };
  const head = "Symbol,Date,Open,High,Low,Close,Volume\n";
  const dayBytes = Buffer.byteLength(dayOf(0));
  // Days one after another until past 64 MB (a day's closes change its length, so not at fixed offsets).
  const days = [head];
  for (let day = 0, bytes = head.length; bytes <= 64 << 20; day++) {
    days.push(dayOf(day));
    bytes += days[days.length - 1]?.length ?? 0;
  }
  const long = Buffer.from(days.join(""), "latin1");
  // A preloaded module (kept through the restart, as --require is) writes what the process that ends saw.
  const ending = join(dir, "ending.cjs");
  writeFileSync(
    ending,
    'process.on("exit", () => require("node:fs").writeFileSync(process.env.ENDING_FILE, JSON.stringify({ tunables: process.env.GLIBC_TUNABLES ?? null })));\n',
  );
  let runs = 0;
  const run = (file: string, env: Record<string, string>) => {
    const endingFile = join(dir, `ending-${runs++}.json`);
    const { GLIBC_TUNABLES: _, ...rest } = process.env;
    const done = spawnSync(process.execPath, ["--require", ending, PATTERNS_BIN, "scan", file, "--json"], {
      env: { ...rest, ...env, ENDING_FILE: endingFile },
      maxBuffer: 1 << 30,
    });
    const { tunables } = JSON.parse(readFileSync(endingFile, "utf8")) as { tunables: string | null };
    return { status: done.status, stdout: done.stdout.toString(), stderr: done.stderr.toString(), tunables };
  };

  it("restarts with huge pages where this machine gives them, and prints what a run without them prints", () => {
    const path = join(dir, "LONG.csv");
    writeFileSync(path, long);
    const asked = run(path, {});
    const kept = run(path, { GLIBC_TUNABLES: "" });
    expect(asked.tunables).toBe(hugePagesWanted(thisProcess) ? TUNABLE : null);
    expect(kept.tunables).toBe("");
    expect(asked.status).toBe(0);
    expect(asked.stdout.split("\n").length).toBeGreaterThan(1000);
    expect(asked).toMatchObject({ status: kept.status, stdout: kept.stdout, stderr: kept.stderr });
  }, 60_000);

  it("exits 2 with one line naming the bad row, once, after a restart", () => {
    const bad = Buffer.from(long);
    // A close that is not a number on the second day: the whole file's reading, which names the row, stops there.
    bad.write("x", bad.indexOf("1234567\n", head.length + dayBytes) - 9, "latin1");
    const path = join(dir, "BAD.csv");
    writeFileSync(path, bad);
    const asked = run(path, {});
    expect(asked.tunables).toBe(hugePagesWanted(thisProcess) ? TUNABLE : null);
    expect(asked.status).toBe(2);
    expect(asked.stderr.trim().split("\n")).toHaveLength(1);
    expect(asked.stderr).toMatch(/BAD\.csv: row \d+: /);
    expect(run(path, { GLIBC_TUNABLES: "" })).toMatchObject({
      status: asked.status,
      stderr: asked.stderr,
      stdout: asked.stdout,
    });
  }, 60_000);
});
