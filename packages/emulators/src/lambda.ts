// A Lambda handler as the local event sources call it, the invocation context the Lambda runtime would
// hand it, and the timeout Lambda holds it to.

import { randomUUID } from "node:crypto";
import { FUNCTION_TIMEOUT_SECONDS } from "@stock-patterns/core/catalog";
import type { Context } from "aws-lambda";
import { settleWithin } from "./deadline";
import { LOCAL_ACCOUNT, LOCAL_REGION } from "./resources/clients";

/** A Lambda handler as the local event sources (pollers, schedule, Step Functions tasks) call it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Lambda's timeout for a function that sets none (3 s):
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html. Every function of the system
 * sets one (the catalog's); this is for the stand-ins tests invoke.
 */
const DEFAULT_TIMEOUT_SECONDS = 3;

/** The timeout `functionName` is deployed with: the catalog's, or Lambda's default for any other name. */
export function timeoutSecondsOf(functionName: string): number {
  return (FUNCTION_TIMEOUT_SECONDS as Record<string, number>)[functionName] ?? DEFAULT_TIMEOUT_SECONDS;
}

/**
 * An invocation stopped at its function's timeout. Lambda reports it as a function error whose type is
 * `Sandbox.Timedout` and whose message says "Task timed out after N.NN seconds"; event sources then treat
 * the batch as failed (retried, bisected) and Step Functions reports it as `Lambda.Unknown`.
 */
export class LambdaTimeoutError extends Error {
  constructor(requestId: string, timeoutSeconds: number) {
    super(`RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = "Sandbox.Timedout";
  }
}

/**
 * A fresh context for one invocation of `functionName`: a new request id, and the remaining time
 * counting down from the function's timeout (the catalog's, unless given).
 *
 * @example
 * await handler(event, lambdaContext("KinesisConsumer")); // getRemainingTimeInMillis() starts near 60,000
 */
export function lambdaContext(
  functionName: string,
  timeoutSeconds = timeoutSecondsOf(functionName),
): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const unsupported = (method: string) => () => {
    throw new Error(`context.${method}() is the legacy callback API; return a promise instead`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported("done"),
    fail: unsupported("fail"),
    succeed: unsupported("succeed"),
  };
}

/** A function as an event source invokes it: its name, its handler, and (for stand-ins) its timeout. */
export interface LocalFunction {
  functionName: string;
  handler: LambdaHandler;
  /** Seconds; the catalog's timeout of `functionName` when unset. */
  timeoutSeconds?: number;
}

/**
 * Invoke `fn` with `event` as Lambda does: a fresh context, and a failure with LambdaTimeoutError once
 * the function's timeout has passed. One timer per invocation, cleared when the handler settles. A
 * handler that overruns cannot be stopped in this process: its late work goes on, its answer is dropped.
 *
 * @example
 * const response = await invokeFunction({ functionName: "AlertProcessor", handler }, { Records });
 */
export async function invokeFunction(fn: LocalFunction, event: unknown): Promise<unknown> {
  const timeoutSeconds = fn.timeoutSeconds ?? timeoutSecondsOf(fn.functionName);
  const context = lambdaContext(fn.functionName, timeoutSeconds);
  return settleWithin(
    () => fn.handler(event, context),
    timeoutSeconds * 1000,
    () => {
      throw new LambdaTimeoutError(context.awsRequestId, timeoutSeconds);
    },
  );
}
