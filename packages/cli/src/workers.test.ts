// readInThread with the compiled worker the process starts (dist/worker.cjs, built before the tests): a part
// of a file on disk read into shared memory by a thread of its own, or a clear false when it cannot be; the
// thread then spare for the scan that follows (workerThreads).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_DIR } from "../test/bin";
import { HS_PIVOTS, plantedCsv } from "../test/series";
import type { Input } from "./commands/scan/inputs";
import type { FileResult } from "./commands/scan/scan-file";
import { readInThread, spareThreadCount, THREAD_READ_BYTES, workerThreads } from "./workers";

const WORKER = join(CLI_DIR, "dist/worker.cjs");
const dir = mkdtempSync(join(tmpdir(), "read-in-thread-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes that are not all alike, and its path. */
function fileOf(size: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
  const path = join(dir, `file-${size}`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe("readInThread", () => {
  const { path, bytes } = fileOf(THREAD_READ_BYTES + 12_345);
  const shared = () => new Uint8Array(new SharedArrayBuffer(THREAD_READ_BYTES));

  it("reads a part of a file into shared memory in a thread of its own", async () => {
    const into = shared();
    await expect(readInThread(WORKER, path, into, 12_345)).resolves.toBe(true);
    expect(Buffer.from(into.buffer).equals(bytes.subarray(12_345))).toBe(true);
  }, 30_000);

  it("says false when the file is shorter than the part or cannot be read, and starts none for a small part", async () => {
    await expect(readInThread(WORKER, path, shared(), 12_346)).resolves.toBe(false);
    await expect(readInThread(WORKER, join(dir, "missing.csv"), shared(), 0)).resolves.toBe(false);
    expect(readInThread(WORKER, path, new Uint8Array(new SharedArrayBuffer(1024)), 0)).toBeUndefined();
  }, 30_000);
});

/** What a scan of `inputs` in one worker thread gives: each input's series with their lines as text. */
async function scannedInThread(inputs: readonly Input[]): Promise<unknown[]> {
  const scanned: unknown[] = [];
  const text = (lines: string | Uint8Array[]) =>
    typeof lines === "string" ? lines : Buffer.concat(lines).toString("latin1");
  await workerThreads(1, WORKER)(
    inputs,
    { bandwidth: 1, format: "jsonl", screen: {} },
    (index: number, result: FileResult, printed?: () => void) => {
      // The lines lie in the thread's output slots until `printed` frees them: read first.
      scanned[index] =
        "series" in result
          ? result.series.map(({ symbol, bars, counts, text: lines }) => ({
              symbol,
              bars,
              counts,
              text: text(lines),
            }))
          : result;
      printed?.();
    },
  );
  return scanned;
}

describe("a thread that read a part", () => {
  const { path } = fileOf(THREAD_READ_BYTES + 12_345);
  const series = join(dir, "HS.csv");
  writeFileSync(series, plantedCsv(HS_PIVOTS));
  const inputs: Input[] = [{ file: series, symbol: "HS" }];

  it("waits spare, and the scan that follows scans in it what a new thread scans", async () => {
    // A scan takes any thread left spare by the reads above, so the next one starts a thread of its own.
    await scannedInThread(inputs);
    expect(spareThreadCount()).toBe(0);
    const inNewThread = await scannedInThread(inputs);
    expect(inNewThread).toMatchObject([[{ symbol: "HS", bars: 38, counts: { HS: 1 } }]]);
    const into = new Uint8Array(new SharedArrayBuffer(THREAD_READ_BYTES));
    await expect(readInThread(WORKER, path, into, 12_345)).resolves.toBe(true);
    expect(spareThreadCount()).toBe(1);
    // The spare thread is the one thread this scan asks for: it is taken, and scans.
    await expect(scannedInThread(inputs)).resolves.toEqual(inNewThread);
    expect(spareThreadCount()).toBe(0);
  }, 30_000);

  it("is stopped, not kept spare, when its read failed", async () => {
    const into = new Uint8Array(new SharedArrayBuffer(THREAD_READ_BYTES));
    await expect(readInThread(WORKER, path, into, 12_346)).resolves.toBe(false);
    expect(spareThreadCount()).toBe(0);
  }, 30_000);
});
