// The global setup's repair of a browser binary that does not start (one cut short by an interrupted
// unpack), on stand-in executables in a temporary directory; and where it unpacks the real one.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import unpackChromium, {
  BROWSER_EXECUTABLE,
  BROWSER_HOME,
  foreignPlatform,
  startingBrowser,
  starts,
} from "./unpack-chromium";

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

describe("unpackChromium", () => {
  const checkout = join(import.meta.dirname, "..", "..", "..");

  it("unpacks into the checkout's node_modules, named by the package's version", () => {
    const pinned = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as {
      devDependencies?: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    const version =
      pinned.devDependencies?.["@sparticuz/chromium"] ?? pinned.dependencies?.["@sparticuz/chromium"];
    expect(relative(checkout, BROWSER_HOME)).toBe(
      join("node_modules", ".cache", `sparticuz-chromium-${version}`),
    );
    expect(basename(BROWSER_EXECUTABLE)).toBe("chromium");
  });

  it("never runs a chromium someone put in the temp directory, where the package would look", async () => {
    const shared = mkdtempSync(join(dir, "shared-tmp-"));
    const ran = join(dir, "planted-ran");
    writeFileSync(join(shared, "chromium"), `#!/bin/sh\ntouch '${ran}'\necho planted\n`);
    chmodSync(join(shared, "chromium"), 0o755);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = shared;
    try {
      await unpackChromium();
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(existsSync(ran)).toBe(false);
    expect(await starts(BROWSER_EXECUTABLE)).toBe(true);
  });
});

describe("foreignPlatform", () => {
  it("lets Linux x64 run the browser and tells any other machine where the tests run", () => {
    expect(foreignPlatform("linux", "x64")).toBeUndefined();
    for (const [platform, arch] of [
      ["darwin", "arm64"],
      ["darwin", "x64"],
      ["linux", "arm64"],
      ["win32", "x64"],
    ]) {
      expect(foreignPlatform(platform as string, arch as string)).toContain(
        `this machine is ${platform}-${arch}`,
      );
    }
  });
});
