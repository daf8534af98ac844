#!/usr/bin/env node
// Entry point of `npx patterns`: the CLI as compiled at install (packages/cli/scripts/build.mjs).
import { existsSync } from "node:fs";

const main = new URL("../dist/main.mjs", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    "patterns: not built yet: run npm install (or npm run build -w @stock-patterns/cli)\n",
  );
  process.exit(2);
}
await import(main.href);
