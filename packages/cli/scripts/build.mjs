// Compiles the CLI (and the core it imports) into one JavaScript file, so `patterns` starts without a
// TypeScript compiler, and its WebAssembly row reader (assembly/) into dist/row-reader.wasm, embedded in
// both bundles. Runs at `npm install` / `npm ci` (this package's prepare script) and before the CLI's tests.
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import asc from "assemblyscript/asc";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const ROW_READER = "dist/row-reader.wasm";

/**
 * The WebAssembly sources: assembly/'s files and the files of src/ they import (plain constants the
 * JavaScript readers share with them, such as src/bars/cell-roles.ts).
 */
function rowReaderSources() {
  const own = readdirSync(`${root}assembly`).map((name) => `${root}assembly/${name}`);
  const imported = own.flatMap((path) =>
    [...readFileSync(path, "utf8").matchAll(/from "(\.\.?\/[^"]+)"/g)].map(
      ([, from]) => `${fileURLToPath(new URL(String(from), pathToFileURL(path)))}.ts`,
    ),
  );
  return [...own, ...imported];
}

/** The newest modification time of the WebAssembly sources, in ms. */
const newestSource = () => Math.max(...rowReaderSources().map((path) => statSync(path).mtimeMs));

/**
 * Compiles assembly/row-reader.ts (AssemblyScript) to dist/row-reader.wasm, unless that is newer than every
 * source (the compiler takes ~3 s to load). No runtime (`stub`: the reader allocates nothing), memory given
 * by the caller (`--importMemory`: sized per file, never grown), no traps for assertions.
 */
async function buildRowReader() {
  const built = (() => {
    try {
      return statSync(`${root}${ROW_READER}`).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built > newestSource()) return;
  mkdirSync(`${root}dist`, { recursive: true });
  const { error, stderr } = await asc.main(
    [
      "--baseDir",
      root,
      "assembly/row-reader.ts",
      "--runtime",
      "stub",
      "--importMemory",
      "--optimizeLevel",
      "3",
      "--shrinkLevel",
      "0",
      "--noAssert",
      "--outFile",
      ROW_READER,
    ],
    { stdout: process.stdout, stderr: process.stderr },
  );
  if (error) throw new Error(`assembly/row-reader.ts did not compile: ${error.message}\n${stderr}`);
}

/**
 * The bundles embed the row reader's bytes (esbuild's binary loader) where the sources read them from
 * dist/ (src/bars/row-module-bytes.ts): the CLI is then its two files and nothing beside them.
 * @type {import("esbuild").Plugin}
 */
const embedRowReader = {
  name: "embed-row-reader",
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]bars[\\/]row-module-bytes\.ts$/ }, () => ({
      contents: `import bytes from "${root}${ROW_READER}";\nexport const rowReaderBytes = () => bytes;\n`,
      loader: "js",
    }));
  },
};

/**
 * What the two bundles share: the sources bundled for Node 22, their whitespace and comments left out (names
 * kept, so stack traces and CPU profiles still read): the process's bundle 224 -> 156 KB, the worker's 186 ->
 * 126, and the load at a run's start 22.5 -> 14.0 ms, 226 -> 182 page faults (--help, 12 runs, load ~5).
 * @type {import("esbuild").BuildOptions}
 */
const common = {
  absWorkingDir: root,
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22",
  minifyWhitespace: true,
  logLevel: "warning",
  loader: { ".wasm": "binary" },
  plugins: [embedRowReader],
};

/**
 * Bundles the process (src/main.ts) to dist/main.cjs and its scan worker (src/worker.ts) to dist/worker.cjs,
 * both CommonJS: Node loads a CommonJS file without its ES module loader (an empty .cjs ~8 ms less CPU than an
 * empty .mjs, 15 runs at load 6), and a worker thread's first result came ~12 ms sooner (12 fresh processes
 * at load 5). Neither needs anything of ESM.
 */
export async function buildCli() {
  await buildRowReader();
  await Promise.all(
    ["main", "worker"].map((name) =>
      build({ ...common, entryPoints: { [name]: `src/${name}.ts` }, outExtension: { ".js": ".cjs" } }),
    ),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
