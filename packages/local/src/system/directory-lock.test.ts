// A second system on the directories of a running one is refused before it touches them (npm start: a
// message and exit code 2), and a lock left by a killed system is taken over.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir, uptime } from "node:os";
import { join } from "node:path";
import { parseBarsCsv } from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { QUICK_POLLING } from "../runtime/config";
import { DirectoryInUse, LOCK_FILE, lockDirectory, processIdentity } from "./directory-lock";
import { DEFAULT_REPLAY_FILE, REPO_ROOT, startNodeArgs } from "./paths";
import { type LocalSystem, startSystem } from "./start-system";

const dir = mkdtempSync(join(tmpdir(), "directory-lock-"));
const running: LocalSystem[] = [];
afterAll(async () => {
  for (const system of running) await system.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start` with `args`: resolves with its exit code and output once it exits, or once it has started. */
function npmStart(args: string[]): Promise<{ code: number | null; printed: string }> {
  const run = spawn(process.execPath, [...startNodeArgs(), ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  return new Promise((resolve) => {
    const read = (chunk: Buffer) => {
      printed += chunk;
      // Started as a second system on the same directories: the defect; stop it and say what it printed.
      if (printed.includes("stock-patterns is running")) run.kill("SIGKILL");
    };
    run.stdout.on("data", read);
    run.stderr.on("data", read);
    run.once("exit", (code) => resolve({ code, printed }));
  });
}

describe("one system per directory", () => {
  it("refuses a second start on a running system's out or data directory, leaving its files alone", async () => {
    const first = await startSystem({
      port: 0,
      outDir: join(dir, "out"),
      dataDir: join(dir, "data"),
      timing: QUICK_POLLING,
    });
    running.push(first);
    const bars = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, 100);
    await first.replay(bars, { symbol: "SPX", interval: "1d" });
    await first.settled();
    const logged = statSync(first.logFile).size;
    expect(logged).toBeGreaterThan(0);

    const again = (outDir: string, dataDir?: string) =>
      startSystem({ port: 0, outDir, dataDir, timing: QUICK_POLLING });
    await expect(again(join(dir, "out"))).rejects.toThrow(DirectoryInUse);
    await expect(again(join(dir, "out-2"), join(dir, "data"))).rejects.toThrow(
      new DirectoryInUse(join(dir, "data"), process.pid),
    );
    const cli = await npmStart(["--port", "0", "--out-dir", join(dir, "out"), "--no-replay"]);
    expect(cli.code).toBe(2);
    expect(cli.printed).toContain(
      `another stock-patterns system (process ${process.pid}) is running with ${join(dir, "out")}: stop it first`,
    );
    expect(cli.printed).toContain(`(if none is running, remove ${join(dir, "out", LOCK_FILE)})`);
    // Refused before it says it starts, where it said "Starting the emulators..." first.
    expect(cli.printed).not.toContain("Starting");
    expect(statSync(first.logFile).size).toBe(logged);
    const stats = await first.stats();
    expect(stats.detections).toBeGreaterThan(0);

    // Stopped, it gives the directories back; started again, its tables are there.
    await first.stop();
    const second = await startSystem({
      port: 0,
      outDir: join(dir, "out"),
      dataDir: join(dir, "data"),
      timing: QUICK_POLLING,
    });
    running.push(second);
    expect(await second.stats()).toEqual(stats);
  });

  it("refuses an out or data directory it cannot make or write, naming its flag (npm start: exit code 2)", async () => {
    // A path below a file cannot be made by anyone (a read-only directory can, by root).
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    for (const [flag, args] of [
      ["--out-dir", ["--out-dir", join(file, "out")]],
      ["--data-dir", ["--out-dir", join(dir, "out-of-data"), "--data-dir", join(file, "data")]],
    ] as const) {
      const cli = await npmStart(["--port", "0", "--no-replay", ...args]);
      expect(cli.printed, flag).toContain(`${flag}: cannot use ${join(file, flag.slice(2, -4))} (ENOTDIR`);
      expect(cli.printed, flag).not.toMatch(/^\s+at /m);
      expect(cli.printed, flag).not.toContain("Starting");
      expect(cli.code, flag).toBe(2);
    }
  });

  it("takes over the lock of a system killed but not yet reaped (a zombie), as a container's PID 1 may leave it", () => {
    // `sleep 0.01`'s parent becomes `sleep 30` by exec, which never waits for it: a zombie once it ended.
    const parent = spawn("bash", ["-c", "sleep 0.01 & exec sleep 30"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    try {
      const zombie = Number(
        execFileSync(
          "bash",
          [
            "-c",
            `until [ -n "$(cat /proc/${parent.pid}/task/${parent.pid}/children 2>/dev/null)" ]; do sleep 0.01; done; cat /proc/${parent.pid}/task/${parent.pid}/children`,
          ],
          { encoding: "utf8" },
        ).trim(),
      );
      for (let seen = ""; !seen.includes(") Z "); ) seen = readFileSync(`/proc/${zombie}/stat`, "utf8");
      const lockDir = join(dir, "zombie");
      mkdirSync(lockDir, { recursive: true });
      writeFileSync(join(lockDir, LOCK_FILE), `${zombie}\n${processIdentity(zombie)}\n`);
      const release = lockDirectory(lockDir);
      expect(readFileSync(join(lockDir, LOCK_FILE), "utf8")).toBe(
        `${process.pid}\n${processIdentity(process.pid)}\n`,
      );
      release();
    } finally {
      parent.kill("SIGKILL");
    }
  });

  it("takes over the lock of a system that was killed, or, an earlier release's, that ran before the machine started", async () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    // Before a reboot: the id it names is running (this process), but not as that system. Written as an
    // earlier release wrote its locks (the id alone), which only the file's time can tell as stale.
    const beforeBoot = new Date(Date.now() - (uptime() + 60) * 1000);
    const stale = [
      ["killed", gone.stdout, new Date()],
      ["rebooted", String(process.pid), beforeBoot],
    ] as const;
    for (const [name, pid, written] of stale) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, LOCK_FILE), `${pid}\n`);
      utimesSync(join(dir, name, LOCK_FILE), written, written);
    }
    // One system takes both (each directory is taken alike, out or data): the killed one's lock on its
    // out directory, the rebooted one's on its data directory.
    const system = await startSystem({
      port: 0,
      outDir: join(dir, "killed"),
      dataDir: join(dir, "rebooted"),
      timing: QUICK_POLLING,
    });
    running.push(system);
    for (const [name] of stale)
      expect(readFileSync(join(dir, name, LOCK_FILE), "utf8"), name).toBe(
        `${process.pid}\n${processIdentity(process.pid)}\n`,
      );
    await system.stop();
    for (const [name] of stale) expect(existsSync(join(dir, name, LOCK_FILE)), name).toBe(false);
  });
});

describe("a lock's holder, known by its identity on Linux (boot and start, not the clock)", () => {
  const locked = (name: string, content: string, written = new Date()) => {
    const directory = join(dir, name);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, LOCK_FILE), content);
    utimesSync(join(directory, LOCK_FILE), written, written);
    return directory;
  };

  it("names this process by this boot's id and its start, as /proc has them", () => {
    const [boot, start] = (processIdentity(process.pid) ?? "").split(" ");
    expect(boot).toBe(readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
    expect(Number(start)).toBeGreaterThan(0);
    expect(processIdentity(2 ** 22 + 1)).toBeUndefined(); // above Linux's largest process id
  });

  it("keeps a running holder's lock whose file looks older than the machine (the clock stepped on since)", () => {
    // A VM resumed, or WSL after the laptop slept: the wall clock jumps ahead of the time since boot, and
    // a lock written minutes after the boot reads as written before it.
    const beforeBoot = new Date(Date.now() - (uptime() + 60) * 1000);
    const directory = locked(
      "clock-stepped",
      `${process.pid}\n${processIdentity(process.pid)}\n`,
      beforeBoot,
    );
    expect(() => lockDirectory(directory)).toThrow(new DirectoryInUse(directory, process.pid));
    expect(readFileSync(join(directory, LOCK_FILE), "utf8").split("\n")[0]).toBe(String(process.pid));
  });

  it("takes over a lock whose id now belongs to another process, however new its file", () => {
    const [boot, start] = (processIdentity(process.pid) ?? "").split(" ");
    const directory = locked("id-reused", `${process.pid}\n${boot} ${Number(start) + 1}\n`);
    const release = lockDirectory(directory);
    expect(readFileSync(join(directory, LOCK_FILE), "utf8")).toBe(
      `${process.pid}\n${processIdentity(process.pid)}\n`,
    );
    release();
    expect(existsSync(join(directory, LOCK_FILE))).toBe(false);
  });

  it("takes over a lock written in an earlier boot", () => {
    const [, start] = (processIdentity(process.pid) ?? "").split(" ");
    const directory = locked("other-boot", `${process.pid}\n00000000-0000-0000-0000-000000000000 ${start}\n`);
    lockDirectory(directory)();
    expect(existsSync(join(directory, LOCK_FILE))).toBe(false);
  });
});
