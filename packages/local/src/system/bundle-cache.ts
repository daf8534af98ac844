// A TypeScript entry compiled into JavaScript that plain Node starts (no compiler in the process), kept on
// disk between runs and rebuilt only when something it was built from changed: its sources by content, the
// files that steer resolution (package.json imports, the lockfile), esbuild's version and these options.

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, version as esbuildVersion, type Plugin } from "esbuild";

/** What to bundle and where to keep it. */
export interface BundleRequest {
  /** The TypeScript entry (absolute). */
  entry: string;
  /** The folder holding the bundles and the manifest of the newest (created when missing). */
  cacheDir: string;
  /** Files the build depends on beyond its inputs (absolute; a missing one counts as a change). */
  keyFiles: string[];
}

/** A bundle ready to start: `main` is its entry, `built` says whether this call compiled it. */
export interface Bundle {
  main: string;
  built: boolean;
}

/** The newest bundle: the key of what it was built from, and the inputs that key covers. */
interface Manifest {
  key: string;
  inputs: string[];
}

/** Bundles kept beside the newest: a process still running an older one can restart from it. */
const KEPT_BUNDLES = 4;
const OPTIONS_VERSION = "esm-node22-split-sourcemap-1";
const IN_PACKAGES = /[\\/]node_modules[\\/]/;
const MODULE_LOCATION = /\bimport\.meta\.(url|dirname|filename|resolve)\b/;

/**
 * Packages stay outside the bundle, imported by the file URL their importer would resolve them to:
 * esbuild hoists a bundle's imports, and a package ("sst" reads its links when it loads) must load with the
 * module that imports it, not before the entry has set the environment. A package found in a workspace's
 * own node_modules (hono under packages/functions) is imported from there, as from the sources.
 */
const packagesByUrl: Plugin = {
  name: "packages-by-url",
  setup(plugin) {
    plugin.onResolve({ filter: /^[^./#]/ }, async (args) => {
      if (args.pluginData === packagesByUrl) return undefined;
      const found = await plugin.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: packagesByUrl,
      });
      if (found.errors.length > 0) return { errors: found.errors };
      if (found.external) return { path: args.path, external: true };
      if (!IN_PACKAGES.test(found.path)) return { path: found.path };
      return { path: pathToFileURL(found.path).href, external: true };
    });
  },
};

/** One hash over esbuild's version, the options, and each file's path and bytes (a missing file too). */
async function keyOf(files: string[]): Promise<string> {
  const hash = createHash("sha256").update(`${esbuildVersion}\0${OPTIONS_VERSION}\0`);
  for (const file of [...files].sort()) {
    const bytes = await readFile(file).catch(() => undefined);
    hash.update(`${file}\0${bytes ? bytes.length : "missing"}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest("hex").slice(0, 24);
}

async function readManifest(cacheDir: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(cacheDir, "manifest.json"), "utf8")) as Manifest;
    return typeof manifest.key === "string" && Array.isArray(manifest.inputs) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** A module that finds files next to itself would look beside the bundle instead: refused, named. */
async function refuseModuleLocations(inputs: string[]): Promise<void> {
  for (const input of inputs) {
    if (MODULE_LOCATION.test(await readFile(input, "utf8")))
      throw new Error(
        `${input} reads import.meta (its own location), which a bundle does not keep: ` +
          "pass the path in from the process that starts it",
      );
  }
}

/** Keeps the newest bundles (by modification time), the one just written among them. */
async function pruneOlder(cacheDir: string, keep: string): Promise<void> {
  const entries = await readdir(cacheDir, { withFileTypes: true });
  const bundles = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && entry.name !== keep && !entry.name.startsWith("."))
      .map(async (entry) => ({
        path: join(cacheDir, entry.name),
        at: (await stat(join(cacheDir, entry.name))).mtimeMs,
      })),
  );
  bundles.sort((a, b) => b.at - a.at);
  for (const old of bundles.slice(KEPT_BUNDLES - 1)) await rm(old.path, { recursive: true, force: true });
}

async function compile(request: BundleRequest): Promise<string> {
  const startedAt = Date.now();
  const result = await build({
    entryPoints: { main: request.entry },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    write: false,
    outdir: join(request.cacheDir, ".out"),
    plugins: [packagesByUrl],
    logLevel: "silent",
  }).catch((error: Error) => {
    throw new Error(`${request.entry} did not compile:\n${error.message}`);
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(input));
  await refuseModuleLocations(inputs);
  const key = await keyOf([...inputs, ...request.keyFiles]);
  const final = join(request.cacheDir, key);
  if (!existsSync(join(final, "main.js"))) {
    // Written whole elsewhere, then renamed: another process building the same key at once finds either
    // nothing or the finished folder (its rename then fails, and the folder it wanted is there).
    const staging = await mkdtemp(join(request.cacheDir, ".staging-"));
    const outDir = join(request.cacheDir, ".out");
    for (const file of result.outputFiles) {
      const target = join(staging, file.path.slice(outDir.length + 1));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    await rename(staging, final).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(join(final, "main.js"))) throw error;
    });
  }
  // A source saved while esbuild read it: this bundle may hold the older text under the newer key. It
  // serves this process; the manifest is left as it was, so the next start compiles again.
  const saved = await Promise.all(inputs.map(async (input) => (await stat(input)).mtimeMs));
  if (saved.some((at) => at > startedAt)) return key;
  const manifest: Manifest = { key, inputs };
  const temporary = join(request.cacheDir, `.manifest-${process.pid}.json`);
  await writeFile(temporary, JSON.stringify(manifest));
  await rename(temporary, join(request.cacheDir, "manifest.json"));
  await pruneOlder(request.cacheDir, key);
  return key;
}

/**
 * The bundle of `request.entry`: the one in `cacheDir` when nothing it was built from changed (its
 * sources are read and hashed, about 10 ms for the runtime's 250), else compiled now (about 0.5 s).
 * Start it with `node --enable-source-maps` so stack traces name the TypeScript sources.
 *
 * @example
 * const { main } = await cachedBundle({ entry: RUNTIME_ENTRY, cacheDir, keyFiles: [lockfile] });
 * fork(main, [], { execArgv: ["--enable-source-maps"] });
 */
export async function cachedBundle(request: BundleRequest): Promise<Bundle> {
  await mkdir(request.cacheDir, { recursive: true });
  const manifest = await readManifest(request.cacheDir);
  if (manifest) {
    const key = await keyOf([...manifest.inputs, ...request.keyFiles]);
    const main = join(request.cacheDir, key, "main.js");
    if (key === manifest.key && existsSync(main)) return { main, built: false };
  }
  const key = await compile(request);
  return { main: join(request.cacheDir, key, "main.js"), built: true };
}
