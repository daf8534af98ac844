// Compiles the CLI (and the core it imports) into one JavaScript file, so `patterns` starts without a
// TypeScript compiler. Runs at `npm install` / `npm ci` (the root's prepare) and before the CLI's tests.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Bundles the process (src/main.ts) and its scan worker (src/worker.ts) to dist/*.mjs, ESM for Node 22. */
export async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: { main: "src/main.ts", worker: "src/worker.ts" },
    outdir: "dist",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    logLevel: "warning",
    // Bundled CommonJS dependencies may call require() for Node's own modules.
    banner: {
      js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
