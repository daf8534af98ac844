// The functions tests that need a module graph of their own (`*.isolated.test.ts`), each file isolated: they
// import the handlers again under environment read at import (vi.resetModules with Powertools' or CORS'
// variables stubbed), or point the handlers' clients at an endpoint of their own (a DynamoDB that is
// killed, a Lambda endpoint). In the shared graph of `functions` either would reach the files after them.
import { defineProject } from "vitest/config";
import { withEmulators } from "./vitest.config.ts";

export default defineProject({
  test: {
    name: "functions-isolated",
    include: ["src/**/*.isolated.test.ts", "test/**/*.isolated.test.ts"],
    isolate: true,
    ...withEmulators,
  },
});
