// `npm start`: runs src/main.ts from its bundle (compiled when a source changed, else found in
// node_modules/.cache), so the process loads JavaScript instead of compiling 160 TypeScript modules.
// Run with `node --enable-source-maps`: stack traces then name the TypeScript sources.
import { fileURLToPath } from "node:url";
import { exitUnlessNodeFits } from "../src/cli/check-node.mjs";
import { localBundle } from "../src/system/local-bundles.mjs";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
exitUnlessNodeFits(repoRoot);
const entry = fileURLToPath(new URL("../src/main.ts", import.meta.url));

try {
  const { main } = await localBundle(repoRoot, "start", entry);
  await import(main);
} catch (error) {
  process.stderr.write(
    `npm start could not load ${entry}:\n${error instanceof Error ? error.message : error}\n`,
  );
  process.exit(1);
}
