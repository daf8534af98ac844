// The whole local system killed mid-stream (SIGKILL of its process group: emulators and runtime at once)
// and started again on its data directory: the stream resumes from its checkpoints, without a gap (every
// bar put before the kill is applied) and without doubles (each detection stored once).

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBarsCsv, scanBars } from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { QUICK_POLLING } from "../runtime/config";
import { DEFAULT_REPLAY_FILE } from "./paths";
import { type LocalSystem, startSystem } from "./start-system";

const REPLAYING_SYSTEM = fileURLToPath(new URL("./replaying-system.ts", import.meta.url));
const bars = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, 600);
const dir = mkdtempSync(join(tmpdir(), "killed-system-"));
const options = {
  port: 0,
  dataDir: join(dir, "data"),
  outDir: join(dir, "out"),
  timing: QUICK_POLLING,
};
let restarted: LocalSystem | undefined;
afterAll(async () => {
  await restarted?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the system in a process group of its own, replaying `bars`; kills the group once `killAt` are put. */
async function killedWhileReplaying(killAt: number): Promise<number> {
  const barsFile = join(dir, "bars.json");
  writeFileSync(barsFile, JSON.stringify(bars));
  const run = spawn(
    process.execPath,
    ["--import", "tsx", REPLAYING_SYSTEM, options.dataDir, options.outDir, "KILL", "100", barsFile],
    { detached: true, stdio: ["ignore", "pipe", "inherit"] },
  );
  let put = 0;
  const exited = new Promise<void>((resolve) => run.once("exit", () => resolve()));
  run.stdout.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      const sent = /^put (\d+)$/.exec(line);
      if (sent) put = Number(sent[1]);
      if (put >= killAt && run.pid !== undefined) {
        try {
          process.kill(-run.pid, "SIGKILL");
        } catch {}
      }
    }
  });
  await exited;
  // The runtime is in the group too: wait until no process of it is left (kill 0 fails for the group).
  for (;;) {
    try {
      process.kill(-(run.pid as number), 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } catch {
      return put;
    }
  }
}

describe("the whole local system killed mid-stream", () => {
  it("resumes on its data directory: every bar put before the kill applied, nothing stored twice", async () => {
    const put = await killedWhileReplaying(300);
    expect(put).toBeGreaterThanOrEqual(300);
    restarted = await startSystem(options);
    // The feed goes on from the first bar it did not see accepted.
    await restarted.replay(bars.slice(put), { symbol: "KILL", interval: "1d" });
    await restarted.settled();
    const response = await fetch(`${restarted.apiUrl}/patterns?symbol=KILL&limit=100`, {
      headers: { "x-api-key": restarted.apiKeys.reader },
    });
    const stored = ((await response.json()) as { items: { pattern: string; start: string; end: string }[] })
      .items;
    const expected = scanBars(bars);
    const key = (d: { pattern: string; start: string; end: string }) => `${d.pattern} ${d.start} ${d.end}`;
    expect(stored.map(key).sort()).toEqual(expected.map(key).sort());
    // The alerts the killed run left QUEUED (their AlertQueue messages went with it) are routed by the
    // restarted system's first sweep.
    const alerts = async (status = "") => {
      const answer = await fetch(`${restarted?.apiUrl}/alerts?symbol=KILL&limit=100${status}`, {
        headers: { "x-api-key": restarted?.apiKeys.reader ?? "" },
      });
      return ((await answer.json()) as { items: unknown[] }).items.length;
    };
    const deadline = Date.now() + 20_000;
    while ((await alerts("&status=QUEUED")) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await alerts()).toBeGreaterThan(0);
    expect(await alerts("&status=QUEUED")).toBe(0);
  });
});
