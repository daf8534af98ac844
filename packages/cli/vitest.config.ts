// The cli project: commands as functions, and the compiled `patterns` process (built once before the tests).
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "cli",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/build.ts"],
  },
});
