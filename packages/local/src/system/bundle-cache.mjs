// A TypeScript entry compiled into JavaScript that plain Node starts (no compiler in the process), kept on
// disk between runs and rebuilt only when something it was built from changed: its sources by content, the
// files that steer resolution (package.json imports, the lockfile), esbuild's version and these options.
// Plain JavaScript: `npm start` loads it before anything can compile TypeScript.

import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, version as esbuildVersion } from "esbuild";

/**
 * What to bundle and where to keep it.
 * @typedef {object} BundleRequest
 * @property {string} entry the TypeScript entry (absolute)
 * @property {string} cacheDir the folder holding the bundles and the manifest of the newest (made when missing)
 * @property {string[]} keyFiles files the build depends on beyond its inputs (absolute; a missing one counts as a change)
 */

/**
 * A bundle ready to start: `main` is its entry, `built` says whether this call compiled it.
 * @typedef {object} Bundle
 * @property {string} main
 * @property {boolean} built
 */

/**
 * The newest bundle: the key of what it was built from, and the inputs that key covers.
 * @typedef {{ key: string, inputs: string[] }} Manifest
 */

/** Bundles kept beside the newest: a process still running an older one can restart from it. */
const KEPT_BUNDLES = 4;
const OPTIONS_VERSION = "esm-node22-split-sourcemap-meta-2";
const IN_PACKAGES = /[\\/]node_modules[\\/]/;
const OWN_LOCATION = /\bimport\.meta\.(url|dirname|filename)\b/g;

/**
 * Packages stay outside the bundle, imported by the file URL their importer would resolve them to:
 * esbuild hoists a bundle's imports, and a package ("sst" reads its links when it loads) must load with the
 * module that imports it, not before the entry has set the environment. A package found in a workspace's
 * own node_modules (hono under packages/functions) is imported from there, as from the sources.
 * @type {import("esbuild").Plugin}
 */
const packagesByUrl = {
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

/** esbuild's loader for each source extension this cache reads itself. */
const LOADERS = /** @type {const} */ ({
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".json": "json",
});

/**
 * Reads every source for esbuild, keeping the bytes it compiled in `compiled` (the key is the hash of
 * those, so a file saved during the build changes the next check's key, never this bundle's). A module's
 * `import.meta.url`, `dirname` and `filename` keep naming its source, not the bundle it is in (paths.ts
 * finds the repository from its own location).
 * @param {Map<string, Buffer>} compiled
 * @returns {import("esbuild").Plugin}
 */
function ownSources(compiled) {
  return {
    name: "own-sources",
    setup(plugin) {
      plugin.onLoad({ filter: /\.[cm]?[jt]sx?$|\.json$/ }, async (args) => {
        if (IN_PACKAGES.test(args.path)) return undefined;
        const loader = LOADERS[/** @type {keyof typeof LOADERS} */ (extname(args.path))];
        if (!loader) return undefined;
        const bytes = await readFile(args.path);
        compiled.set(args.path, bytes);
        const text = bytes.toString("utf8");
        if (loader === "json" || !text.includes("import.meta")) return { contents: text, loader };
        const own = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path };
        return {
          contents: text.replace(OWN_LOCATION, (_, name) =>
            JSON.stringify(own[/** @type {keyof typeof own} */ (name)]),
          ),
          loader,
        };
      });
    },
  };
}

/**
 * One hash over esbuild's version, the options, and each file's path and bytes (a missing file too):
 * the bytes in `known` where it has them, else as read now.
 * @param {string[]} files
 * @param {Map<string, Buffer>} [known]
 */
async function keyOf(files, known = new Map()) {
  const hash = createHash("sha256").update(`${esbuildVersion}\0${OPTIONS_VERSION}\0`);
  for (const file of [...files].sort()) {
    const bytes = known.get(file) ?? (await readFile(file).catch(() => undefined));
    hash.update(`${file}\0${bytes ? bytes.length : "missing"}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest("hex").slice(0, 24);
}

/**
 * @param {string} cacheDir
 * @returns {Promise<Manifest | undefined>}
 */
async function readManifest(cacheDir) {
  try {
    const manifest = JSON.parse(await readFile(join(cacheDir, "manifest.json"), "utf8"));
    return typeof manifest.key === "string" && Array.isArray(manifest.inputs) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the newest bundles (by modification time), the one just written among them.
 * @param {string} cacheDir
 * @param {string} keep
 */
async function pruneOlder(cacheDir, keep) {
  const entries = await readdir(cacheDir, { withFileTypes: true });
  const bundles = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && entry.name !== keep && !entry.name.startsWith("."))
      .map(async (entry) => ({
        path: join(cacheDir, entry.name),
        // Another process pruning at once may have removed it since the listing: it is gone either way.
        at: (await stat(join(cacheDir, entry.name)).catch(() => undefined))?.mtimeMs ?? 0,
      })),
  );
  bundles.sort((a, b) => b.at - a.at);
  for (const old of bundles.slice(KEPT_BUNDLES - 1)) await rm(old.path, { recursive: true, force: true });
}

/**
 * Compiles `request.entry`, writes the bundle under its key and returns the key.
 * @param {BundleRequest} request
 */
async function compile(request) {
  /** @type {Map<string, Buffer>} */
  const compiled = new Map();
  const outDir = join(request.cacheDir, ".out");
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
    outdir: outDir,
    plugins: [packagesByUrl, ownSources(compiled)],
    logLevel: "silent",
  }).catch((/** @type {Error} */ error) => {
    throw new Error(`${request.entry} did not compile:\n${error.message}`);
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(input));
  const key = await keyOf([...inputs, ...request.keyFiles], compiled);
  const final = join(request.cacheDir, key);
  if (!existsSync(join(final, "main.js"))) {
    // Written whole elsewhere, then renamed: another process building the same key at once finds either
    // nothing or the finished folder (its rename then fails, and the folder it wanted is there).
    const staging = await mkdtemp(join(request.cacheDir, ".staging-"));
    for (const file of result.outputFiles) {
      const target = join(staging, file.path.slice(outDir.length + 1));
      // A write the machine refuses (the disk full) names the cache it was for, and leaves no half bundle.
      await mkdir(dirname(target), { recursive: true })
        .then(() => writeFile(target, file.contents))
        .catch(async (/** @type {Error} */ error) => {
          await rm(staging, { recursive: true, force: true });
          throw new Error(`cannot write the bundle into ${request.cacheDir}: ${error.message}`);
        });
    }
    await rename(staging, final).catch(async (/** @type {Error} */ error) => {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(join(final, "main.js"))) throw error;
    });
  }
  /** @type {Manifest} */
  const manifest = { key, inputs };
  // A name of this call's own: two builds in one process (or two processes) must not write one file.
  const temporary = join(request.cacheDir, `.manifest-${randomUUID()}.json`);
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
 * @param {BundleRequest} request
 * @returns {Promise<Bundle>}
 * @example
 * const { main } = await cachedBundle({ entry: RUNTIME_ENTRY, cacheDir, keyFiles: [lockfile] });
 * fork(main, [], { execArgv: ["--enable-source-maps"] });
 */
export async function cachedBundle(request) {
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
