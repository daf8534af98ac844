// Builds the console into dist/ (same-origin API) when it is missing or its sources changed: the end-to-end
// tests' global setup and `npm start` (root prestart) both run it, so a fresh clone needs no build step.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative } from "node:path";

const WEB = join(import.meta.dirname, "..");
const DIST = join(WEB, "dist");
const STAMP = join(DIST, ".source-hash");
/** Where a build is written before it replaces dist/: one directory per building process. */
const NEXT_PREFIX = "dist-next-";
/**
 * What goes into the build: the console's own sources and core's, which the bundle takes in (its words, the
 * lift's interval, the contracts): a change to core alone left a stale console served by `npm start` and
 * tested by the browser tests.
 */
const INPUTS = [
  "src",
  "index.html",
  "vite.config.ts",
  "package.json",
  "scripts/build-console.ts",
  "../core/src",
  "../core/package.json",
];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !name.endsWith(".test.ts") && !name.endsWith(".test.tsx"))
    .flatMap((name) => files(join(path, name)));
}

/** Every file hashed for the build, relative to packages/web, in order. */
export function sourceFiles(): string[] {
  return INPUTS.flatMap((input) => files(join(WEB, input)))
    .map((file) => relative(WEB, file))
    .sort();
}

/** A hash of everything that goes into the build, plus the API URL it is built for (same origin here). */
export function sourceHash(apiUrl: string): string {
  const hash = createHash("sha256").update(`VITE_API_URL=${apiUrl}\n`);
  for (const file of sourceFiles()) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(WEB, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

/** Builds dist/ for a same-origin API unless the last build came from exactly these sources. */
export async function buildConsoleIfStale(): Promise<boolean> {
  const expected = sourceHash("");
  const current = existsSync(STAMP) ? readFileSync(STAMP, "utf8").trim() : undefined;
  if (current === expected && existsSync(join(DIST, "index.html"))) return false;
  // React's production build, as users get it: Vite keeps a NODE_ENV already set (vitest sets "test"), and
  // under any other value the bundle carried React's development build, whose StrictMode runs every effect
  // twice (each page asked the API for its data twice) and which is about twice the size.
  // Built beside dist/ and moved in file by file, its stamp last (swapIn): a running system (or the browser
  // tests) keeps serving the last build meanwhile, and a build cut short by a signal leaves that build's page
  // and assets, not an emptied directory (Vite empties its outDir first).
  removeAbandonedBuilds();
  const next = join(WEB, `${NEXT_PREFIX}${process.pid}`);
  // Loaded only to build: Vite takes about 0.8 s to load, which every `npm start` paid to find the build current.
  const { build } = await import("vite");
  await withEnvironment({ VITE_API_URL: "", NODE_ENV: "production" }, () =>
    build({
      configFile: join(WEB, "vite.config.ts"),
      logLevel: "warn",
      mode: "production",
      build: { outDir: next },
    }),
  );
  writeFileSync(join(next, basename(STAMP)), `${expected}\n`);
  swapIn(next);
  return true;
}

/** What a build's swap moves last, in this order: the page that names its assets, then the stamp that says it is whole. */
const MOVED_LAST = ["index.html", basename(STAMP)];

/**
 * Moves `next`'s files into dist/, one rename each (each replaces its namesake whole, in one step), its
 * assets first, then the page that names them, then its stamp: dist/index.html is never missing, where
 * swapping the directories (two renames) left a moment without one, which a request could meet. The files
 * of earlier builds that this one has not are removed once older than ABANDONED_AFTER_MS: a build of this
 * checkout beside this one (npm start's and the browser tests') keeps its own, and a page loaded before
 * keeps its chunks a while.
 */
function swapIn(next: string): void {
  const startedAt = Date.now();
  const built = files(next).map((file) => relative(next, file));
  const moved = [
    ...built.filter((file) => !MOVED_LAST.includes(file)),
    ...MOVED_LAST.filter((file) => built.includes(file)),
  ];
  for (const file of moved) {
    mkdirSync(dirname(join(DIST, file)), { recursive: true });
    renameSync(join(next, file), join(DIST, file));
  }
  rmSync(next, { recursive: true, force: true });
  const kept = new Set(built);
  for (const file of files(DIST)) {
    if (kept.has(relative(DIST, file))) continue;
    if (startedAt - statSync(file).mtimeMs > ABANDONED_AFTER_MS) rmSync(file, { force: true });
  }
}

/**
 * A build takes seconds: a build directory older than this was left by one that was stopped before its swap,
 * and a file of an earlier build older than this is not another build's under way.
 */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Removes what builds stopped before their swap left (another build of this checkout may be under way), and
 * the dist-old- directories of releases that swapped whole directories.
 */
function removeAbandonedBuilds(): void {
  for (const name of readdirSync(WEB)) {
    if (!/^dist-(?:next|old)-\d+$/.test(name)) continue;
    const path = join(WEB, name);
    if (Date.now() - statSync(path).mtimeMs > ABANDONED_AFTER_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

/** Runs `work` with `variables` set in process.env, then puts back what was there. */
async function withEnvironment<T>(variables: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Vitest global setup. */
export default async function setup(): Promise<void> {
  await buildConsoleIfStale();
}

// Run directly (`tsx packages/web/scripts/build-console.ts`): build if needed and say which.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const built = await buildConsoleIfStale();
  process.stdout.write(built ? `console built into ${DIST}\n` : `console in ${DIST} is up to date\n`);
}
