// The console's tests: component and logic tests in Node, end-to-end tests in a real headless Chromium.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "web",
    include: ["src/**/*.test.{ts,tsx}", "e2e/**/*.test.ts"],
    // One module graph per worker: every e2e file starts its own system and Chromium in its hooks, the
    // component tests restore what they stub; only imports are shared (see packages/local/vitest.config.ts).
    isolate: false,
    // The console built, and Chromium unpacked, once before any file starts (e2e/unpack-chromium.ts).
    globalSetup: ["scripts/build-console.ts", "e2e/unpack-chromium.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
