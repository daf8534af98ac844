// A handler's error as Step Functions sees a failed Lambda task: named by its errorType, caused by its JSON.

import { LambdaTimeoutError } from "../lambda";

/**
 * Wrap an error thrown by a task's handler the way the Lambda service reports it to Step Functions:
 * `Error` is the error's name (its errorType, e.g. "InvalidWorkflowInput", which Retry/Catch match;
 * Lambda.Unknown for a timeout),
 * `Cause` is `{"errorType","errorMessage","trace"}` as JSON text.
 *
 * @example
 * try { return await handler(input, context); } catch (error) { throw taskError(error); }
 */
export function taskError(error: unknown): Error {
  const errorType = error instanceof Error ? error.name || "Error" : "Error";
  // A function timeout is an unhandled Lambda error, which Step Functions names Lambda.Unknown (Retry
  // and Catch match it so, or by States.ALL / States.TaskFailed):
  // https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
  const errorName = error instanceof LambdaTimeoutError ? "Lambda.Unknown" : errorType;
  const errorMessage = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error ? (error.stack ?? "").split("\n").slice(1) : [];
  const wrapped = new Error(JSON.stringify({ errorType, errorMessage, trace }));
  wrapped.name = errorName;
  return wrapped;
}
