// Synthesizes the app once per test run, for a deployed stage and for `sst dev`, and hands both graphs to
// the infra tests (vitest `provide`/`inject`), so every test file reads the same evaluation.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import type { SynthGraph } from "../scripts/synth/graph";
import { synthesize } from "../scripts/synth/synthesize";

declare module "vitest" {
  export interface ProvidedContext {
    /** The `production` stage as `sst deploy` would declare it. */
    production: SynthGraph;
    /** A personal stage under `sst dev`. */
    dev: SynthGraph;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export default async function setup(project: TestProject) {
  const [production, dev] = await Promise.all([
    synthesize({ stage: "production", root }),
    synthesize({ stage: "alice", dev: true, root }),
  ]);
  project.provide("production", production.graph);
  project.provide("dev", dev.graph);
}
