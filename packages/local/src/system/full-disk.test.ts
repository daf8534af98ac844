// `npm start` on a data directory whose files the machine stops letting it write (here a file size limit,
// `ulimit -f`, which gives the EFBIG a full disk gives as ENOSPC): the emulators' stores threw LevelDB's
// error where nothing caught it, and the system died with a stack. It now stops in order, naming the file and
// what to do, leaving no process or lock behind; started again on the same directory with its file sent again,
// it stores every detection of the bars once.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { matchedLiterally, parseBarsCsv, scanBars } from "@stock-patterns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUICK_POLLING } from "../runtime/config";
import { LOCK_FILE } from "./directory-lock";
import { groupEmptied, runEntry } from "./entry-run";
import { localBundle } from "./local-bundles.mjs";
import { DEFAULT_REPLAY_FILE, REPO_ROOT } from "./paths";
import { runtimeBundle } from "./runtime-bundle";
import { type LocalSystem, startSystem } from "./start-system";

/** The largest file the limited run may write, in KiB: its stores' logs pass it within the first bars. */
const FILE_LIMIT_KIB = 128;

const bars = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, 400);
const dir = mkdtempSync(join(tmpdir(), "full-disk-"));
const dataDir = join(dir, "data");
const outDir = join(dir, "out");
const barsFile = join(dir, "bars.json");
let restarted: LocalSystem | undefined;

beforeAll(async () => {
  writeFileSync(barsFile, JSON.stringify(bars));
  // The bundles the run loads are made (or found) here first: the limited run must not write them.
  await runtimeBundle();
  await localBundle(REPO_ROOT, "start", fileURLToPath(new URL("../main.ts", import.meta.url)));
}, 120_000);

afterAll(async () => {
  await restarted?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `text` matched as it is in a RegExp. */

describe("npm start on a disk that refuses its writes", () => {
  it("stops in order saying which file and what to do; started again, it stores every detection once", async () => {
    const args = ["--replay", barsFile, "--data-dir", dataDir, "--out-dir", outDir];
    const { code, stderr, group } = await runEntry(
      [..."--port 0 --speed max --symbol FULL".split(" "), ...args],
      {
        fileLimitKiB: FILE_LIMIT_KIB,
      },
    );
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      new RegExp(
        `^stock-patterns stopped: cannot write ${matchedLiterally(dataDir)}/(dynamodb|kinesis)/\\d+\\.log: file too large for ` +
          `this process's limit \\(ulimit -f\\)\\. What the system acknowledged before is kept in ${matchedLiterally(dataDir)}: ` +
          "once the file can be written, npm start again with the same --data-dir",
      ),
    );
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(await groupEmptied(group)).toBe(true);
    expect([existsSync(join(dataDir, LOCK_FILE)), existsSync(join(outDir, LOCK_FILE))]).toEqual([
      false,
      false,
    ]);

    // As npm start again would: the same directories, the same file sent again, no limit.
    restarted = await startSystem({ port: 0, dataDir, outDir, timing: QUICK_POLLING });
    await restarted.replay(bars, { symbol: "FULL", interval: "1d" });
    await restarted.settled();
    const response = await fetch(`${restarted.apiUrl}/patterns?symbol=FULL&limit=100`, {
      headers: { "x-api-key": restarted.apiKeys.reader },
    });
    const stored = ((await response.json()) as { items: { pattern: string; start: string; end: string }[] })
      .items;
    const key = (d: { pattern: string; start: string; end: string }) => `${d.pattern} ${d.start} ${d.end}`;
    expect(stored.map(key).sort()).toEqual(scanBars(bars).map(key).sort());
  });
});
