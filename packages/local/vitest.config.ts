// The local system's tests: emulator wiring, event-source pollers, and the whole system end to end.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "local",
    include: ["src/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
