// The infra project: the app synthesized once per stage (global setup), every required setting asserted.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "infra",
    include: ["*.test.ts"],
    globalSetup: ["./synth.setup.ts"],
    testTimeout: 30_000,
  },
});
