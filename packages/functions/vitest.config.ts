// The functions project: handlers and the API against AWS-protocol emulators, fresh for each test file.
// A worker's files share one module graph (`isolate: false`): the handlers, the SDK and the emulators are
// imported once a worker, not once a file (the project took 337 s alone isolated, 2.1 s a file of setup);
// test/setup.ts starts each file's emulators where the first file's clients point (test/worker.ts). Files
// that need modules of their own run in `functions-isolated` (vitest.isolated.config.ts).
import { defineProject } from "vitest/config";

/** What both functions projects run each file with: the emulators' setup and its time bounds. */
export const withEmulators = {
  setupFiles: ["test/setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineProject({
  test: {
    name: "functions",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/*.isolated.test.ts"],
    isolate: false,
    ...withEmulators,
  },
});
