// The console's tests: component and logic tests in Node, end-to-end tests in a real headless Chromium.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "web",
    include: ["src/**/*.test.{ts,tsx}", "e2e/**/*.test.ts"],
    globalSetup: ["scripts/build-console.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
