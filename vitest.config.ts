// One test run for the whole repository: each package (and infra) is a project with its own config.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["{packages/*,infra}/vitest.config.ts"],
  },
});
