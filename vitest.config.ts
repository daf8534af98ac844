// One test run for the whole repository: each package (and infra) is a project with its own config.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      "{packages/*,infra}/vitest.config.ts",
      "packages/core/vitest.mocked.config.ts",
      "packages/functions/vitest.isolated.config.ts",
    ],
    // Vitest's default is one file per core less one: a single file at a time on a 2-core machine. Most
    // of our files wait on emulators, spawned processes and Chromium part of the time, so one file more
    // than there are cores keeps them busy. The whole suite on 2 cores: 642 s one file at a time, 437 s two
    // at a time (4 Dec 2026); 419 s two, 333 s three and 337 s four at a time (6 Dec, one spell, the same
    // CPU time for two and three: 9 min 3 s and 9 min 5 s user; four took 25 s more).
    maxWorkers: availableParallelism() + 1,
  },
});
