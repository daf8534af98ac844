// Structured JSON logging with each function's own context. On AWS every function is its own process;
// on one machine (npm start) they share one, and run at the same time, so the context (function name,
// request id, service) is kept per invocation instead of on one shared Logger.

import { AsyncLocalStorage } from "node:async_hooks";
import { Logger } from "@aws-lambda-powertools/logger";
import type { LogItemExtraInput, LogItemMessage } from "@aws-lambda-powertools/logger/types";
import type { Context } from "aws-lambda";

/** The logger outside any invocation (module loading, tests), service from POWERTOOLS_SERVICE_NAME. */
const base = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "stock-patterns" });
const invocation = new AsyncLocalStorage<Logger>();

const current = (): Logger => invocation.getStore() ?? base;

/**
 * The logger of the invocation in progress (or the base one outside any). Code anywhere logs through
 * it and the line names the function that is running.
 *
 * @example
 * logger.info("Alerts routed", { outcomes: { published: [alertId] } });
 */
export const logger = {
  debug: (input: LogItemMessage, ...extra: LogItemExtraInput) => current().debug(input, ...extra),
  info: (input: LogItemMessage, ...extra: LogItemExtraInput) => current().info(input, ...extra),
  warn: (input: LogItemMessage, ...extra: LogItemExtraInput) => current().warn(input, ...extra),
  error: (input: LogItemMessage, ...extra: LogItemExtraInput) => current().error(input, ...extra),
  appendKeys: (...args: Parameters<Logger["appendKeys"]>) => current().appendKeys(...args),
  removeKeys: (...args: Parameters<Logger["removeKeys"]>) => current().removeKeys(...args),
  setCorrelationId: (...args: Parameters<Logger["setCorrelationId"]>) => current().setCorrelationId(...args),
  setLogLevel: (...args: Parameters<Logger["setLogLevel"]>) => current().setLogLevel(...args),
};

/**
 * Runs one invocation of `functionName` with its own logger: the function's name as the service (as
 * infra sets POWERTOOLS_SERVICE_NAME per function) and the Lambda context, if any.
 *
 * @example
 * export const handler = (event, context) => withFunctionLogger("AlertProcessor", context, () => route(event));
 */
export function withFunctionLogger<T>(
  functionName: string,
  context: Context | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const own = base.createChild({ serviceName: functionName });
  if (context) own.addContext(context);
  return invocation.run(own, work);
}
