// `npm run test:unit`: the fast inner loop. Pure code only: no emulators, no console build, no browser,
// no synth. `npm test` runs these again with everything else. As there (vitest.config.ts): one file more than
// there are cores at a time, and one module graph per worker in every project (47 s one file at a time with
// the console's and local's files isolated, 22 s so, 2 cores, 7 Dec 2026).
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      "packages/core/vitest.config.ts",
      "packages/core/vitest.mocked.config.ts",
      {
        test: { name: "web-unit", root: "packages/web", include: ["src/**/*.test.{ts,tsx}"], isolate: false },
      },
      {
        test: {
          name: "local-unit",
          root: "packages/local",
          include: [
            "src/cli/*.test.ts",
            "src/pollers/kinesis-delivery.test.ts",
            "src/system/stream-progress.test.ts",
          ],
          isolate: false,
        },
      },
    ],
    maxWorkers: availableParallelism() + 1,
  },
});
