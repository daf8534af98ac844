// The headers every API answer carries, whoever serves it: the Api function (on AWS and under `npm start`)
// and those in front of it (AWS WAF, API Gateway, the local server while the API is not loaded or too slow).

import { NO_SNIFF } from "./no-sniff";

/**
 * Each answer is for one key's holder: no shared cache (a proxy, a CDN) may store it, and no browser may
 * read it as another type than its Content-Type says.
 *
 * @example
 * new Response(body, { headers: { ...API_ANSWER_HEADERS, "content-type": "application/json" } })
 */
export const API_ANSWER_HEADERS = {
  "cache-control": "no-store",
  ...NO_SNIFF,
} as const;

/**
 * The API's CORS policy. The console runs on another origin; keys travel in the X-API-Key header, never in
 * cookies, so any origin may call unless the Api's CORS_ALLOWED_ORIGINS narrows `origin` (docs/api.md).
 *
 * @example
 * cors({ origin: API_CORS.origin, allowMethods: [...API_CORS.methods] })
 */
export const API_CORS = {
  origin: "*",
  methods: ["GET", "POST", "OPTIONS"],
  headers: ["Content-Type", "X-API-Key"],
  maxAgeSeconds: 600,
} as const;

/**
 * The headers of an answer made in front of the app: the API's, and CORS's allow-origin, so a console on
 * another origin reads why it was refused (a browser hides an answer without it, and the console saw a
 * failed fetch where API Gateway had answered 504 with the decision still under way). Any origin: such an
 * answer holds only a problem document, nothing of any key's holder.
 *
 * @example
 * new Response(problem, { status: 504, headers: { ...FRONT_ANSWER_HEADERS, "content-type": "application/json" } })
 */
export const FRONT_ANSWER_HEADERS = {
  ...API_ANSWER_HEADERS,
  "access-control-allow-origin": API_CORS.origin,
} as const;

/**
 * The header a 429 or 503 says in how many seconds to try again (RFC 9110 section 10.2.3); each such answer
 * made in front of the app carries it (its value: the problem's `retryAfterSeconds`, front-problems.ts).
 *
 * @example
 * headers[RETRY_AFTER_HEADER] = String(problem.retryAfterSeconds)
 */
export const RETRY_AFTER_HEADER = "retry-after";

/**
 * What lets a page on another origin (the console on AWS, docs/console.md) read an answer's Retry-After: a
 * browser shows a cross-origin page's script only the CORS-safelisted response headers (Cache-Control,
 * Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma) and those the answer names
 * in Access-Control-Expose-Headers, and Retry-After is not safelisted. Carried by each answer that says
 * Retry-After (front-problems.ts' frontProblemHeaders).
 * https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name
 *
 * @example
 * headers = { ...headers, [RETRY_AFTER_HEADER]: "330", ...RETRY_AFTER_EXPOSED }
 */
export const RETRY_AFTER_EXPOSED = { "access-control-expose-headers": RETRY_AFTER_HEADER } as const;

/**
 * The challenge on a 401, wherever a request is turned away for its key (the app, or AWS WAF in front of
 * it for a key too short to be one): the key goes in the X-API-Key header.
 *
 * @example
 * new Response(problem, { status: 401, headers: { ...API_KEY_CHALLENGE } })
 */
export const API_KEY_CHALLENGE = { "www-authenticate": "ApiKey" } as const;

/**
 * The header every answer of the app carries its request's id in (the `requestId` of its problems): Lambda's
 * awsRequestId, a random UUID outside Lambda. Answers made in front of the app have none.
 *
 * @example
 * c.header(REQUEST_ID_HEADER, c.get("requestId"))
 */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * API Gateway's own headers: its id of the request ($context.requestId, also in the body of a problem it
 * answers itself) on every answer it passes on or makes, and on an error it makes itself, that error's
 * type; and the prefix it renames some headers of a Lambda proxy answer with, of which the app sends one,
 * WWW-Authenticate (`remapped`). The local server under `npm start` does all this as API Gateway does.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
 *
 * @example
 * headers.set(GATEWAY_HEADERS.requestId, randomUUID())
 */
export const GATEWAY_HEADERS = {
  requestId: "x-amzn-RequestId",
  errorType: "x-amzn-ErrorType",
  remappedPrefix: "x-amzn-Remapped-",
  remapped: Object.keys(API_KEY_CHALLENGE),
} as const;
