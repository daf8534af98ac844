// A Lambda handler as the local event sources call it, and the invocation context the Lambda runtime
// would hand it.

import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { LOCAL_ACCOUNT, LOCAL_REGION } from "./resources/clients";

/** A Lambda handler as the local event sources (pollers, schedule, Step Functions tasks) call it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Lambda's default timeout when a function does not set one. */
const DEFAULT_TIMEOUT_SECONDS = 30;

/**
 * A fresh context for one invocation of `functionName`: a new request id, and the remaining time
 * counting down from the function's timeout.
 *
 * @example
 * await handler(event, lambdaContext("KinesisConsumer"));
 */
export function lambdaContext(functionName: string, timeoutSeconds = DEFAULT_TIMEOUT_SECONDS): Context {
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
