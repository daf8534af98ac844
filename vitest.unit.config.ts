// `npm run test:unit`: the fast inner loop. Pure code only: no emulators, no console build, no browser,
// no synth. `npm test` runs these again with everything else.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      "packages/core/vitest.config.ts",
      "packages/core/vitest.mocked.config.ts",
      { test: { name: "web-unit", root: "packages/web", include: ["src/**/*.test.{ts,tsx}"] } },
      {
        test: {
          name: "local-unit",
          root: "packages/local",
          include: [
            "src/cli/*.test.ts",
            "src/pollers/kinesis-delivery.test.ts",
            "src/system/stream-progress.test.ts",
          ],
        },
      },
    ],
  },
});
