// API Gateway REST (v1) proxy events, as the Api function receives them behind the deployed REST API.

import type { LambdaEvent } from "hono/aws-lambda";

/**
 * A proxy event for `method` and `path` with `headers`, `query` and a JSON `body`.
 *
 * @example
 * await handler(restEvent("GET", "/health"), lambdaContext("Api"));
 */
export function restEvent(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  query?: Record<string, string>,
  body?: unknown,
) {
  return {
    resource: "/{proxy+}",
    path,
    httpMethod: method,
    headers: { Host: "abc123.execute-api.us-east-1.amazonaws.com", ...headers },
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query ?? null,
    multiValueQueryStringParameters: query
      ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: "000000000000",
      apiId: "abc123",
      httpMethod: method,
      path: `/prod${path}`,
      stage: "prod",
      requestId: "gw-request-1",
      resourceId: "res",
      resourcePath: "/{proxy+}",
      requestTimeEpoch: Date.now(),
      protocol: "HTTP/1.1",
      identity: { sourceIp: "127.0.0.1" },
      authorizer: null,
    },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
  } as unknown as LambdaEvent;
}
