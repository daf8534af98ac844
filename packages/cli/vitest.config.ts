// The cli project: commands as functions, and the compiled `patterns` process (built once before the tests).
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "cli",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/build.ts"],
    // Commands as functions and spawned processes, each test restoring what it stubs: one module graph per
    // worker, not one per file (a fresh graph per file cost about 25 s of the project's 142 s, 5 Dec 2026).
    isolate: false,
    // Seeded property runs of 5,000 to 20,000 cases and spawned processes: about 2 s alone, and 5.7 s with the
    // machine's load at 14 (a fresh-clone run at 03e3fb3 failed on Vitest's 5 s default). A limit on a hung test.
    testTimeout: 30_000,
  },
});
