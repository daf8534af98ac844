// Compiles the CLI before its tests, so the process tests run what `npx patterns` runs, never a stale build.
import { buildCli } from "../scripts/build.mjs";

export default async function setup(): Promise<void> {
  await buildCli();
}
