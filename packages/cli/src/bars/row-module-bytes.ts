// The row reader module's bytes (assembly/row-reader.ts, compiled by scripts/build.mjs to dist/): read from
// dist/ when the sources run (vitest, tsx); the bundles embed them instead (build.mjs loads this file so).

import { readFileSync } from "node:fs";

/**
 * The compiled WebAssembly row reader.
 *
 * @example
 * new WebAssembly.Module(rowReaderBytes())
 */
export function rowReaderBytes(): Uint8Array {
  return readFileSync(new URL("../../dist/row-reader.wasm", import.meta.url));
}
