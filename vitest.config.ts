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
    // of our files wait on emulators, spawned processes and Chromium rather than compute, so two at once
    // keeps both cores busy: the whole suite on 2 cores took 642 s of vitest one file at a time and
    // 437 s two at a time (4 Dec 2026), the slowest file (chaos) 43 -> 51 s, far inside its timeouts.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
