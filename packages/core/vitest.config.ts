// The core project: the engine, outcomes, evidence and contracts, pure functions with seeded property runs.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "core",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // A test that mocks a module runs in core-mocked (vitest.mocked.config.ts), each file on its own.
    exclude: ["**/*.mocked.test.ts", "**/node_modules/**"],
    // Pure functions with no state between files: one module graph per worker, not one per file (a fresh
    // graph per file cost 10 to 15 s of the project's 27 s, 5 Dec 2026).
    isolate: false,
    // The longest seeded property runs take seconds on a loaded 2-core machine: the limit is for a hung test.
    testTimeout: 30_000,
  },
});
