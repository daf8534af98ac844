// The Api function's entry: API Gateway (REST) events into the Hono app.

import type { Context } from "aws-lambda";
import { handle, type LambdaEvent } from "hono/aws-lambda";
import { withFunctionLogger } from "#observability";
import { app } from "./app";

const toApp = handle(app);

/**
 * Lambda handler for the REST API (`packages/functions/src/api/lambda.handler`). The request id of
 * every answer (and of every log line) is Lambda's awsRequestId.
 *
 * @example
 * await handler(apiGatewayEvent, context) // { statusCode: 200, body: "…", headers: {…} }
 */
export function handler(event: LambdaEvent, context: Context) {
  return withFunctionLogger("Api", context, () => toApp(event, context));
}
