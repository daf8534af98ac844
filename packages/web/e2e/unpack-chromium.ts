// The web project's global setup: unpacks @sparticuz/chromium's browser once, before any test file starts,
// into this checkout's node_modules/.cache (BROWSER_HOME), where launchBrowser finds it.
// - Once: the package unpacks when its path does not exist, which it does as soon as one process has begun
//   writing it: files starting together on a machine that had never unpacked it spawned a half-written
//   binary (spawn ETXTBSY, four e2e files at once on 7 Dec 2026).
// - Again when it does not start: a binary cut short by an interrupted unpack stays for every later run, and
//   crashes (a segfault).
// - Not in /tmp: the package unpacks into the temp directory (os.tmpdir(), for Lambda's private /tmp), where
//   the first user's /tmp/chromium (mode 700) left every other user of the machine unable to run the tests,
//   and a file anyone put there would be run as whoever runs them. In the checkout it is the user's own, and
//   named by the package's version, so an upgrade unpacks its own browser rather than reusing the last one.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import chromium from "@sparticuz/chromium";

const run = promisify(execFile);

/** The installed package's version: its entry is build/index.js, beside its package.json (not exported). */
const { version } = JSON.parse(
  readFileSync(
    join(dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")), "..", "package.json"),
    "utf8",
  ),
) as { version: string };

/** Where the browser is unpacked: the package's files (the binary, its fonts and libraries) for its version. */
export const BROWSER_HOME = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "node_modules",
  ".cache",
  `sparticuz-chromium-${version}`,
);

/** The browser's executable, once the global setup has unpacked it. */
export const BROWSER_EXECUTABLE = join(BROWSER_HOME, "chromium");

/**
 * The package's executablePath with the temp directory it unpacks into set to `home`: it reads
 * os.tmpdir(), so TMPDIR, on each call. Returns the binary's path.
 *
 * @example
 * await unpackedInto(BROWSER_HOME) // ".../node_modules/.cache/sparticuz-chromium-153.0.0/chromium"
 */
export async function unpackedInto(home: string): Promise<string> {
  mkdirSync(home, { recursive: true });
  const before = process.env.TMPDIR;
  process.env.TMPDIR = home;
  try {
    return await chromium.executablePath();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

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
 * await startingBrowser(() => unpackedInto(BROWSER_HOME)) // BROWSER_EXECUTABLE
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

/**
 * Why the browser @sparticuz/chromium ships cannot run on `platform`-`arch` (it is built for Lambda: Linux
 * on x64), or undefined where it can.
 *
 * @example
 * foreignPlatform("darwin", "arm64") // "the browser tests run on Linux x64 (…); this machine is darwin-arm64: …"
 */
export function foreignPlatform(platform: string, arch: string): string | undefined {
  if (platform === "linux" && arch === "x64") return undefined;
  return (
    "the browser tests run on Linux x64 (the Chromium that @sparticuz/chromium ships, as CI runs them); " +
    `this machine is ${platform}-${arch}: run npm test on a Linux x64 machine, or npm run test:unit here`
  );
}

export default async function unpackChromium(): Promise<void> {
  const foreign = foreignPlatform(process.platform, process.arch);
  if (foreign) throw new Error(foreign);
  const path = await startingBrowser(() => unpackedInto(BROWSER_HOME));
  if (path !== BROWSER_EXECUTABLE)
    throw new Error(`the browser was unpacked at ${path}, not ${BROWSER_EXECUTABLE}`);
}
