// The core project: the engine, outcomes, evidence and contracts, pure functions with seeded property runs.
import { defineProject } from "vitest/config";

export default defineProject({
  // The longest seeded property runs take seconds on a loaded 2-core machine: the limit is for a hung test.
  test: { name: "core", include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 30_000 },
});
