// The global setup's repair of a browser binary that does not start (one cut short by an interrupted
// unpack), on stand-in executables in a temporary directory, not the suite's own /tmp/chromium.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startingBrowser, starts } from "./unpack-chromium";

const dir = mkdtempSync(join(tmpdir(), "unpack-chromium-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes an executable shell script at `path` that exits with `status`. */
function standIn(path: string, status: number): void {
  writeFileSync(path, `#!/bin/sh\necho stand-in\nexit ${status}\n`);
  chmodSync(path, 0o755);
}

/** As the package unpacks: a good binary at `path` only when nothing is there; counts its calls. */
function packageAt(path: string) {
  const calls = { unpacks: 0 };
  const unpack = async () => {
    calls.unpacks++;
    if (!existsSync(path)) standIn(path, 0);
    return path;
  };
  return { unpack, calls };
}

describe("startingBrowser", () => {
  it("keeps a binary that starts, unpacking once", async () => {
    const path = join(dir, "good");
    const { unpack, calls } = packageAt(path);
    expect(await startingBrowser(unpack)).toBe(path);
    expect(calls.unpacks).toBe(1);
  });

  it("removes a binary that does not start and unpacks it again", async () => {
    const path = join(dir, "cut-short");
    standIn(path, 139);
    expect(await starts(path)).toBe(false);
    const { unpack, calls } = packageAt(path);
    expect(await startingBrowser(unpack)).toBe(path);
    expect(calls.unpacks).toBe(2);
    expect(await starts(path)).toBe(true);
  });

  it("says which path does not start when unpacking again does not help", async () => {
    const path = join(dir, "broken");
    const unpack = async () => {
      standIn(path, 1);
      return path;
    };
    await expect(startingBrowser(unpack)).rejects.toThrow(`the browser unpacked at ${path} does not start`);
  });
});
