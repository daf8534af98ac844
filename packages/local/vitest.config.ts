// The local system's tests: emulator wiring, event-source pollers, and the whole system end to end.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "local",
    include: ["src/**/*.test.ts"],
    // One module graph per worker: each file's systems are its own (started in its hooks, on their own
    // ports and directories), so only imports are shared: 67 s of them over local's and web's files before.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
