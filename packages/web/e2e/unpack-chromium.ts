// The web project's global setup: unpacks @sparticuz/chromium's browser into the temp directory once,
// before any test file starts. Each file's launchBrowser asks the package for its executable, and the
// package unpacks it when /tmp/chromium does not exist, which it does as soon as one process has begun
// writing it: files starting together on a machine that had never unpacked it spawned a half-written
// binary (spawn ETXTBSY, four e2e files at once on 7 Dec 2026). A binary cut short by an unpack that was
// interrupted stays there for every later run, and crashes (a segfault): it is unpacked again.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { promisify } from "node:util";
import chromium from "@sparticuz/chromium";

const run = promisify(execFile);

/** Whether the executable at `path` starts: answers `--version` within 30 s with status 0. */
export async function starts(path: string): Promise<boolean> {
  try {
    await run(path, ["--version"], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The path `unpack` gives, unpacked again once after removing what is there when it does not start;
 * throws, naming the path, when the second does not start either.
 *
 * @example
 * await startingBrowser(() => chromium.executablePath()) // "/tmp/chromium"
 */
export async function startingBrowser(unpack: () => Promise<string>): Promise<string> {
  const first = await unpack();
  if (await starts(first)) return first;
  rmSync(first, { force: true });
  const second = await unpack();
  if (await starts(second)) return second;
  throw new Error(
    `the browser unpacked at ${second} does not start (--version failed); remove it and run again`,
  );
}

export default async function unpackChromium(): Promise<void> {
  await startingBrowser(() => chromium.executablePath());
}
