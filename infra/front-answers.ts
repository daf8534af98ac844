// The answers made in front of the Api function: WAF blocks and API Gateway's own errors. Each carries the
// headers of such an answer (core's FRONT_ANSWER_HEADERS: the API's, and CORS's allow-origin for the console)
// and a problem document of the API's shape (type, title, status, detail), in the form its service takes them.
import {
  API_KEY_CHALLENGE,
  FRONT_ANSWER_HEADERS,
  type FrontProblem,
  frontProblemDocument,
  INTEGRATION_TIMEOUT_PROBLEM,
} from "@stock-patterns/core/contracts";

const answerHeaders = Object.entries(FRONT_ANSWER_HEADERS);

/** A problem document as JSON text; `requestId` is spliced in as written (API Gateway fills its variable). */
function problemText(problem: FrontProblem, requestId?: string): string {
  const body = JSON.stringify(frontProblemDocument(problem));
  return requestId === undefined ? body : `${body.slice(0, -1)},"requestId":"${requestId}"}`;
}

/**
 * Why each of the WebACL's blocking rules (waf.ts) refuses a request, by the key its custom response body
 * is stored under (a key is letters, digits, `_` and `-`).
 * https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html
 */
export const WAF_BLOCK_PROBLEMS = {
  TooManyRequests: {
    status: 429,
    title: "Too many requests",
    detail: "more requests from this address in 5 minutes than the API takes; try again later",
  },
  CountryRefused: {
    status: 403,
    title: "Forbidden",
    detail: "requests from this country are not served",
  },
  BodyTooLarge: {
    status: 403,
    title: "Forbidden",
    detail: "a request body over 8 KB is taken only by POST /patterns",
  },
  // As the app answers a missing or unknown key (401 with its challenge), so a caller reads both alike.
  KeyMissing: {
    status: 401,
    title: "Unauthorized",
    detail: "X-API-Key is missing or too short to be a key",
  },
} as const satisfies Record<string, FrontProblem>;

export type WafBlock = keyof typeof WAF_BLOCK_PROBLEMS;

/** Headers a block answers besides the front answer headers. */
const BLOCK_HEADERS: Partial<Record<WafBlock, Record<string, string>>> = { KeyMissing: API_KEY_CHALLENGE };

/**
 * The WebACL's custom response bodies, one per blocking rule's reason. WAF sends them as
 * `application/json` (its content types are TEXT_PLAIN, TEXT_HTML and APPLICATION_JSON).
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_CustomResponseBody.html
 */
export const wafBlockBodies = Object.entries(WAF_BLOCK_PROBLEMS).map(([key, problem]) => ({
  key,
  content: problemText(problem),
  contentType: "APPLICATION_JSON",
}));

/**
 * A WAF Block action that answers the reason's status, body and the API's headers; a custom response may
 * set any header but content-type.
 * https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html
 *
 * @example
 * action: blockAnswering("TooManyRequests")
 */
export function blockAnswering(reason: WafBlock) {
  return {
    block: {
      customResponse: {
        responseCode: WAF_BLOCK_PROBLEMS[reason].status,
        customResponseBodyKey: reason,
        responseHeaders: [...answerHeaders, ...Object.entries(BLOCK_HEADERS[reason] ?? {})].map(
          ([name, value]) => ({ name, value }),
        ),
      },
    },
  };
}

/**
 * API Gateway's own answers this API can meet (no authorizer, IAM or usage plan stands in front of it), each
 * with its status: AWS's default for the type, but an unknown path's MISSING_AUTHENTICATION_TOKEN, which
 * AWS answers 403 "Missing Authentication Token", is the 404 the app gives (every method of a known path
 * reaches the app, api.ts' ANY methods).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const GATEWAY_PROBLEMS = {
  BAD_REQUEST_BODY: {
    status: 400,
    title: "Invalid request",
    detail: "the body does not match the route's schema (see /openapi.json)",
  },
  BAD_REQUEST_PARAMETERS: {
    status: 400,
    title: "Invalid request",
    detail: "a required path parameter is missing",
  },
  MISSING_AUTHENTICATION_TOKEN: { status: 404, title: "Not found", detail: "no route for this path" },
  REQUEST_TOO_LARGE: {
    status: 413,
    title: "Content too large",
    detail: "the request is over API Gateway's 10 MB",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported media type",
    detail: "the body must be application/json",
  },
  THROTTLED: {
    status: 429,
    title: "Too many requests",
    detail: "the route's request rate is past its limit; try again later",
  },
  WAF_FILTERED: {
    status: 403,
    title: "Forbidden",
    detail: "the request was refused by the API's firewall",
  },
  API_CONFIGURATION_ERROR: {
    status: 500,
    title: "Internal server error",
    detail: "the API's gateway is misconfigured",
  },
  INTEGRATION_FAILURE: {
    status: 504,
    title: "Gateway timeout",
    detail: "the API did not answer",
  },
  // Shared with the local server, which answers it past the Api's timeout.
  INTEGRATION_TIMEOUT: INTEGRATION_TIMEOUT_PROBLEM,
} as const satisfies Record<string, FrontProblem>;

export type GatewayProblemType = keyof typeof GATEWAY_PROBLEMS;

/** The variable API Gateway replaces with the request's id in a gateway response's template. */
const GATEWAY_REQUEST_ID = "$context.requestId";

/**
 * A gateway response's status and body template: the problem document, with the request's id so logs can
 * be found (a gateway response template takes simple variable substitution, not VTL).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html
 */
export function gatewayProblem(responseType: GatewayProblemType) {
  const problem = GATEWAY_PROBLEMS[responseType];
  return {
    statusCode: String(problem.status),
    responseTemplates: { "application/json": problemText(problem, GATEWAY_REQUEST_ID) },
  };
}

/**
 * The headers of an answer made in front of the app (core's FRONT_ANSWER_HEADERS) as gateway response
 * parameters: a static value is written in single quotes.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseParameters.html
 *
 * @example
 * new aws.apigateway.Response("…", { responseType: "DEFAULT_4XX", responseParameters: gatewayAnswerParameters() })
 */
export function gatewayAnswerParameters(): Record<string, string> {
  return Object.fromEntries(
    answerHeaders.map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`]),
  );
}
