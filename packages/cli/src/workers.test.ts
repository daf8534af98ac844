// readInThread with the compiled worker the process starts (dist/worker.cjs, built before the tests): a part
// of a file on disk read into shared memory by a thread of its own, or a clear false when it cannot be.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_DIR } from "../test/bin";
import { readInThread, THREAD_READ_BYTES } from "./workers";

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
