// The Api function's entry: API Gateway (REST) events into the Hono app.

import { handle } from "hono/aws-lambda";
import { app } from "./app";

/** Lambda handler for the REST API (`packages/functions/src/api/lambda.handler`). */
export const handler = handle(app);
