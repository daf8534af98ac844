// The functions project: handlers and the API against AWS-protocol emulators started per test file.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "functions",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
