// The infra project: the app synthesized once per stage (global setup), every required setting asserted.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "infra",
    include: ["*.test.ts"],
    globalSetup: ["./synth.setup.ts"],
    // Every file reads the same synthesized graph, and the one that stubs the environment restores it: one
    // module graph per worker, not one per file.
    isolate: false,
    testTimeout: 30_000,
  },
});
