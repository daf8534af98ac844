// core's tests that mock one of its modules (`*.mocked.test.ts`): each file in a module graph of its own,
// so a mock neither misses a module another file loaded first nor reaches another file's imports.
import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "core-mocked", include: ["src/**/*.mocked.test.ts"], isolate: true },
});
