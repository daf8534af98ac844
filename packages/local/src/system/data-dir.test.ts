// --data-dir: tables, stream position and API keys survive a restart; queues and topics start afresh.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBarsCsv } from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_REPLAY_FILE } from "./paths";
import { type LocalSystem, startSystem } from "./start-system";

const bars = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, 400);
const dir = mkdtempSync(join(tmpdir(), "local-data-dir-"));
const options = {
  port: 0,
  dataDir: join(dir, "data"),
  outDir: join(dir, "out"),
  timing: { kinesisBatchingWindowMs: 200, kinesisIdleWaitMs: 100, sqsWaitSeconds: 1 },
};
let running: LocalSystem | undefined;

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a system with a data directory", () => {
  it("keeps its tables and API keys across a restart, and replaying into it adds nothing", async () => {
    running = await startSystem(options);
    await running.replay(bars, { symbol: "SPX", interval: "1d" });
    await running.settled();
    const first = { keys: running.apiKeys, stats: await running.stats() };
    expect(first.stats.detections).toBeGreaterThan(0);
    await running.stop();

    running = await startSystem(options);
    expect(running.apiKeys).toEqual(first.keys);
    expect(await running.stats()).toEqual(first.stats);
    const health = await fetch(`${running.apiUrl}/alerts`, { headers: { "x-api-key": first.keys.reader } });
    expect(health.status).toBe(200);
    await running.replay(bars, { symbol: "SPX", interval: "1d" });
    await running.settled();
    expect(await running.stats()).toEqual(first.stats);
  });
});
