// The deployed handlers, loaded from packages/functions once the environment points them at the emulators.

import { type LambdaHandler, lambdaContext } from "@stock-patterns/emulators";

/** Every function of the system, by its name in infra. */
export interface LocalFunctions {
  PatternDetector: LambdaHandler;
  KinesisConsumer: LambdaHandler;
  AlertProcessor: LambdaHandler;
  ApprovalProcessor: LambdaHandler;
  ThresholdChecker: LambdaHandler;
  /** The ThresholdChecker's sweep alone, run once when the runtime starts. */
  Sweep: LambdaHandler;
  /** The ThresholdChecker's evidence pooling alone, run when the runtime starts and after the first batch. */
  Pool: LambdaHandler;
  /** The Api function's Hono app, served over HTTP directly. */
  api: { fetch(request: Request): Response | Promise<Response> };
}

/**
 * Import the handlers. Call only after the process environment holds the SST links and endpoints:
 * `Resource` from "sst", Powertools and the SDK clients read it when the modules load.
 *
 * @example
 * Object.assign(process.env, environment);
 * const functions = await loadFunctions();
 */
export async function loadFunctions(): Promise<LocalFunctions> {
  const [detector, consumer, alerts, approvals, thresholds, api, logging] = await Promise.all([
    import("@stock-patterns/functions/src/handlers/pattern-detector"),
    import("@stock-patterns/functions/src/handlers/kinesis-consumer"),
    import("@stock-patterns/functions/src/handlers/alert-processor"),
    import("@stock-patterns/functions/src/handlers/approval-processor"),
    import("@stock-patterns/functions/src/handlers/threshold-checker"),
    import("@stock-patterns/functions/src/api/app"),
    import("@stock-patterns/functions/src/observability/logger"),
  ]);
  const handler = (module: { handler: unknown }) => module.handler as LambdaHandler;
  return {
    PatternDetector: handler(detector),
    KinesisConsumer: handler(consumer),
    AlertProcessor: handler(alerts),
    ApprovalProcessor: handler(approvals),
    ThresholdChecker: handler(thresholds),
    Sweep: thresholds.sweepHandler as LambdaHandler,
    Pool: thresholds.poolHandler as LambdaHandler,
    // Served without Lambda's handler, so each request gets the Api function's own log context here.
    api: {
      fetch: (request) =>
        logging.withFunctionLogger("Api", lambdaContext("Api"), async () => api.app.fetch(request)),
    },
  };
}
