// Lambda's timeout as the local event sources see it: each function's own remaining time, and an
// invocation that overruns it fails as Lambda fails it.

import { FUNCTION_TIMEOUT_SECONDS } from "@stock-patterns/core/catalog";
import { describe, expect, it } from "vitest";
import { invokeFunction, LambdaTimeoutError, lambdaContext } from "./lambda";

describe("lambdaContext", () => {
  it("counts down from each function's deployed timeout (the catalog's)", () => {
    for (const [name, seconds] of Object.entries(FUNCTION_TIMEOUT_SECONDS)) {
      const remaining = lambdaContext(name).getRemainingTimeInMillis();
      expect(remaining, name).toBeLessThanOrEqual(seconds * 1000);
      expect(remaining, name).toBeGreaterThan(seconds * 1000 - 1000);
    }
    expect(lambdaContext("AlertProcessor").getRemainingTimeInMillis()).toBeGreaterThan(49_000);
    expect(lambdaContext("Api").getRemainingTimeInMillis()).toBeLessThanOrEqual(29_000);
  });
});

describe("invokeFunction", () => {
  it("fails an invocation that runs past its timeout, as Lambda reports it", async () => {
    const started = Date.now();
    const hanging = () => new Promise<never>(() => {});
    const invocation = invokeFunction({ functionName: "Quoter", handler: hanging, timeoutSeconds: 0.2 }, {});
    await expect(invocation).rejects.toBeInstanceOf(LambdaTimeoutError);
    await expect(invocation).rejects.toThrow(/Task timed out after 0\.20 seconds/);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(2000);
  });

  it("hands the handler the remaining time of that timeout and passes its answer or its error through", async () => {
    const remaining = await invokeFunction(
      {
        functionName: "Quoter",
        handler: async (_event, context) => context.getRemainingTimeInMillis(),
        timeoutSeconds: 5,
      },
      {},
    );
    expect(remaining).toBeGreaterThan(4000);
    expect(remaining).toBeLessThanOrEqual(5000);
    const failing = async () => {
      throw new Error("quote service unavailable");
    };
    await expect(
      invokeFunction({ functionName: "Quoter", handler: failing, timeoutSeconds: 5 }, {}),
    ).rejects.toThrow("quote service unavailable");
  });

  it("uses the catalog's timeout for a function of the system", async () => {
    const remaining = await invokeFunction(
      {
        functionName: "KinesisConsumer",
        handler: async (_event, context) => context.getRemainingTimeInMillis(),
      },
      {},
    );
    expect(remaining).toBeGreaterThan(59_000);
  });
});
