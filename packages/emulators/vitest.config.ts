// The emulators project: the local Step Functions endpoint, driven by the real SDK client.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "emulators",
    include: ["src/**/*.test.ts"],
  },
});
