// The test helper's invocation context tells a handler the time its deployed function would have.

import { FUNCTION_TIMEOUT_SECONDS, type FunctionName } from "@stock-patterns/core/catalog";
import { describe, expect, it } from "vitest";
import { lambdaContext } from "./aws";

describe("lambdaContext", () => {
  it("counts a function's remaining time down from its timeout in the catalog", async () => {
    for (const [name, seconds] of Object.entries(FUNCTION_TIMEOUT_SECONDS) as [FunctionName, number][]) {
      const context = lambdaContext(name);
      const first = context.getRemainingTimeInMillis();
      expect(first, name).toBeLessThanOrEqual(seconds * 1000);
      expect(first, name).toBeGreaterThan(seconds * 1000 - 1000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(context.getRemainingTimeInMillis(), name).toBeLessThan(first);
    }
  });
});
