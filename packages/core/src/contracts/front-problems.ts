// Problems answered in front of the Api function rather than by it, as data: AWS WAF's blocks and API
// Gateway's own answers, which infra writes into the WebACL and the gateway responses, and the local
// server's, which stands in for API Gateway. The OpenAPI document lists each on the routes it can reach.

import * as z from "zod";
import { FRONT_ANSWER_HEADERS, RETRY_AFTER_EXPOSED, RETRY_AFTER_HEADER } from "./api-headers";
import type { ApiRoute } from "./api-routes";

/**
 * What a caller reads in a problem answered in front of the app: its status, title and why; and for a 429
 * or 503, how many seconds it ought to wait before trying again (its Retry-After, RFC 9110 section 10.2.3).
 */
export interface FrontProblem {
  status: number;
  title: string;
  detail: string;
  retryAfterSeconds?: number;
}

/**
 * The routes a front problem can reach: every one, those needing a key, those with a JSON body, those
 * with a path variable, those but POST /patterns' path (WAF's 8 KB body limit), or none (the request
 * matched no route, or was not HTTP).
 */
export type FrontReach = "every" | "keyed" | "body" | "pathParameter" | "smallBody" | "none";

/** A front problem and the routes it can reach. */
export interface FrontAnswer extends FrontProblem {
  reach: FrontReach;
}

/**
 * The one media type of a front problem: AWS WAF's custom response bodies take text/plain, text/html or
 * application/json, and a gateway response's template is keyed by the one it sends; neither has
 * application/problem+json, the app's own problems' type.
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_CustomResponseBody.html
 */
export const FRONT_MEDIA_TYPE = "application/json";

/** The one path whose bodies may pass WAF's 8 KB: POST /patterns' bar uploads (as the app names it). */
export const LARGE_BODY_PATH = "/patterns";

/**
 * The window AWS WAF's rate rule counts an address's requests over (60, 120, 300 or 600 s; 300 is WAF's
 * default, stated so the limit reads as meant).
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html
 */
export const WAF_RATE_WINDOW_SECONDS = 300;

/**
 * How long WAF may go on blocking an address once its rate has fallen under the limit: "usually below 30
 * seconds", AWS says.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-caveats.html
 */
const WAF_RATE_LIFT_SECONDS = 30;

/**
 * Why each of the WebACL's blocking rules refuses a request, by the key its custom response body is stored
 * under (a key is letters, digits, `_` and `-`).
 * https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html
 */
export const WAF_BLOCK_PROBLEMS = {
  TooManyRequests: {
    status: 429,
    title: "Too many requests",
    detail: `more requests from this address in ${WAF_RATE_WINDOW_SECONDS / 60} minutes than the API takes; try again later`,
    reach: "every",
    // WAF blocks the address while its count over the window is past the limit, and counts every request
    // the rule evaluates, those it blocks too: a caller that waits the window has none left in the count,
    // and WAF sees so within the lift's delay. Sooner, a retry may find the block on and lengthen it.
    // https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-aggregation-instances.html
    retryAfterSeconds: WAF_RATE_WINDOW_SECONDS + WAF_RATE_LIFT_SECONDS,
  },
  CountryRefused: {
    status: 403,
    title: "Forbidden",
    detail: "requests from this country are not served",
    reach: "every",
  },
  BodyTooLarge: {
    status: 403,
    title: "Forbidden",
    detail: "a request body over 8 KB is taken only by POST /patterns",
    reach: "smallBody",
  },
  // As the app answers a missing or unknown key (401 with its challenge), so a caller reads both alike.
  KeyMissing: {
    status: 401,
    title: "Unauthorized",
    detail: "X-API-Key is missing or too short to be a key",
    reach: "keyed",
  },
  // As the app answers a compressed body (415), before API Gateway would decompress it past the firewall's
  // body-size rule, which reads the bytes as sent (docs/api.md, Errors, 415).
  BodyEncoded: {
    status: 415,
    title: "Unsupported media type",
    detail:
      "the body is sent with a Content-Encoding, which this API does not decode; send the JSON uncompressed, without Content-Encoding (or as identity)",
    reach: "body",
  },
} as const satisfies Record<string, FrontAnswer>;

export type WafBlock = keyof typeof WAF_BLOCK_PROBLEMS;

/**
 * API Gateway's answer when the Api function has not answered within the integration timeout (29 s, the
 * Api's timeout in the catalog): the INTEGRATION_TIMEOUT gateway response.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const INTEGRATION_TIMEOUT_PROBLEM = {
  status: 504,
  title: "Gateway timeout",
  detail: "the API did not answer in time",
  reach: "every",
} as const satisfies FrontAnswer;

/**
 * API Gateway's own answers this API can meet (no authorizer, IAM or usage plan stands in front of it), each
 * with its status: AWS's default for the type, but an unknown path's MISSING_AUTHENTICATION_TOKEN, which
 * AWS answers 403 "Missing Authentication Token", is the 404 the app gives (every method of a known path
 * reaches the app through an ANY method). WAF_FILTERED is what a WAF block without a custom response (the
 * managed rule group's) gets.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const GATEWAY_PROBLEMS = {
  BAD_REQUEST_BODY: {
    status: 400,
    title: "Invalid request",
    detail: "the body does not match the route's schema (see /openapi.json)",
    reach: "body",
  },
  BAD_REQUEST_PARAMETERS: {
    status: 400,
    title: "Invalid request",
    detail: "a required path parameter is missing",
    reach: "pathParameter",
  },
  MISSING_AUTHENTICATION_TOKEN: {
    status: 404,
    title: "Not found",
    detail: "no route for this path",
    reach: "none",
  },
  // API Gateway passes each request to the Api as one synchronous Lambda invocation, which takes at most
  // 6 MB, so a larger body never reaches the app's own 413 (its limit is lower); API Gateway's own limit,
  // 10 MB, is higher. https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
  REQUEST_TOO_LARGE: {
    status: 413,
    title: "Content too large",
    detail: "the request is over the 6 MB a Lambda invocation takes, so it cannot reach the API",
    reach: "every",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported media type",
    detail: "the body must be application/json",
    reach: "body",
  },
  THROTTLED: {
    status: 429,
    title: "Too many requests",
    detail: "the route's request rate is past its limit; try again later",
    reach: "every",
    // API Gateway refills a method's token bucket at its rate limit, tokens per second (every limit this
    // API sets is 1/s or more, infra's tests check), so a second later, the least Retry-After can say, a
    // request finds a token again. One value for every route: a gateway response's headers are static.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
    retryAfterSeconds: 1,
  },
  WAF_FILTERED: {
    status: 403,
    title: "Forbidden",
    detail: "the request was refused by the API's firewall",
    reach: "every",
  },
  API_CONFIGURATION_ERROR: {
    status: 500,
    title: "Internal server error",
    detail: "the API's gateway is misconfigured",
    reach: "every",
  },
  INTEGRATION_FAILURE: {
    status: 504,
    title: "Gateway timeout",
    detail: "the API did not answer",
    reach: "every",
  },
  // Shared with the local server, which answers it past the Api's timeout.
  INTEGRATION_TIMEOUT: INTEGRATION_TIMEOUT_PROBLEM,
} as const satisfies Record<string, FrontAnswer>;

export type GatewayProblemType = keyof typeof GATEWAY_PROBLEMS;

/**
 * The local server's own problems, where it does more than API Gateway would: 503 while the API is not
 * loaded yet, what Node's HTTP parser refuses before any route is read (by its error's code; any other
 * is not HTTP), and a CONNECT, which Node hands no request handler.
 */
export const LOCAL_PROBLEMS = {
  STARTING: {
    status: 503,
    title: "Service Unavailable",
    detail: "The local system is starting",
    reach: "every",
    // Answered from the moment the functions' runtime listens until it has imported the handlers: 0.3 to
    // 0.9 s on a 2-core machine (loadFunctions, 3 runs), so a second later the API most likely answers,
    // and one more 503 costs a request over loopback.
    retryAfterSeconds: 1,
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    title: "Request header fields too large",
    detail: "the request's headers (its URL among them) are over the 16 KB this server reads",
    reach: "none",
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    title: "Request timeout",
    detail: "the request did not arrive in time",
    reach: "none",
  },
  NOT_HTTP: { status: 400, title: "Bad request", detail: "the request is not valid HTTP/1.1", reach: "none" },
  // A proxy's method (its target is a host and port, no path): no resource here supports it (RFC 9110
  // section 15.6.2), where Node would close the connection without a word.
  CONNECT: {
    status: 501,
    title: "Not implemented",
    detail: "this server is no proxy: it opens no tunnel (CONNECT)",
    reach: "none",
  },
} as const satisfies Record<string, FrontAnswer>;

/** Who answers each group of front problems, as the OpenAPI document names them. */
export const FRONT_ANSWERERS = [
  { by: "AWS WAF", problems: WAF_BLOCK_PROBLEMS },
  { by: "API Gateway", problems: GATEWAY_PROBLEMS },
  { by: "the local system (npm start), never on AWS", problems: LOCAL_PROBLEMS },
] as const;

const REACHES: Record<FrontReach, (route: ApiRoute) => boolean> = {
  every: () => true,
  keyed: (route) => route.role !== undefined,
  body: (route) => route.body !== undefined,
  pathParameter: (route) => route.path.includes("{"),
  smallBody: (route) => route.path !== LARGE_BODY_PATH,
  none: () => false,
};

/**
 * The front problems that can answer a request for `route`, with who answers each.
 *
 * @example
 * frontAnswersOf(API_ROUTES[0]).map((a) => `${a.by} ${a.status}`) // ["AWS WAF 429", …]
 */
export function frontAnswersOf(route: ApiRoute): (FrontAnswer & { by: string })[] {
  return FRONT_ANSWERERS.flatMap(({ by, problems }) =>
    Object.values<FrontAnswer>(problems)
      .filter((problem) => REACHES[problem.reach](route))
      .map((problem) => ({ ...problem, by })),
  );
}

/**
 * The headers of a front problem's answer: those of every answer made in front of the app (core's
 * FRONT_ANSWER_HEADERS) and, where the problem says when to try again, Retry-After, exposed to a page on
 * another origin (RETRY_AFTER_EXPOSED).
 *
 * @example
 * new Response(body, { status: 503, headers: frontProblemHeaders(LOCAL_PROBLEMS.STARTING) }) // retry-after: 1, …
 */
export function frontProblemHeaders(problem: FrontProblem): Record<string, string> {
  const { retryAfterSeconds } = problem;
  return {
    ...FRONT_ANSWER_HEADERS,
    ...(retryAfterSeconds === undefined
      ? {}
      : { [RETRY_AFTER_HEADER]: String(retryAfterSeconds), ...RETRY_AFTER_EXPOSED }),
  };
}

/** A front problem's body: the app's problem shape (RFC 9457), with API Gateway's request id when it has one. */
export const frontProblemSchema = z
  .object({
    type: z.literal("about:blank"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    requestId: z.string().optional(),
  })
  .meta({
    id: "FrontProblem",
    examples: [
      {
        type: "about:blank",
        title: INTEGRATION_TIMEOUT_PROBLEM.title,
        status: INTEGRATION_TIMEOUT_PROBLEM.status,
        detail: INTEGRATION_TIMEOUT_PROBLEM.detail,
        requestId: "c0ffee00-54a4-4b5e-8d3a-6b9c2f7e1a10",
      },
    ],
  });

/**
 * The problem document (RFC 9457, the API's shape) of a front problem, with the request's id when known.
 *
 * @example
 * JSON.stringify(frontProblemDocument(INTEGRATION_TIMEOUT_PROBLEM, requestId))
 */
export function frontProblemDocument({ status, title, detail }: FrontProblem, requestId?: string) {
  const document = { type: "about:blank", title, status, detail };
  return requestId === undefined ? document : { ...document, requestId };
}
