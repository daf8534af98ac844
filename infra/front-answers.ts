// The answers made in front of the Api function: WAF blocks and API Gateway's own errors. Each carries the
// headers of such an answer (core's FRONT_ANSWER_HEADERS: the API's, and CORS's allow-origin for the console;
// a 429's Retry-After, core's frontProblemHeaders) and a problem document of the API's shape (type, title,
// status, detail), in the form its service takes them.
import {
  API_KEY_CHALLENGE,
  FRONT_ANSWER_HEADERS,
  FRONT_MEDIA_TYPE,
  type FrontProblem,
  frontProblemDocument,
  frontProblemHeaders,
  GATEWAY_PROBLEMS,
  type GatewayProblemType,
  WAF_BLOCK_PROBLEMS,
  type WafBlock,
} from "@stock-patterns/core/contracts";

/** A problem document as JSON text; `requestId` is spliced in as written (API Gateway fills its variable). */
function problemText(problem: FrontProblem, requestId?: string): string {
  const body = JSON.stringify(frontProblemDocument(problem));
  return requestId === undefined ? body : `${body.slice(0, -1)},"requestId":"${requestId}"}`;
}

/** Headers a block answers besides the front answer headers. */
const BLOCK_HEADERS: Partial<Record<WafBlock, Record<string, string>>> = { KeyMissing: API_KEY_CHALLENGE };

/**
 * WAF's names of the media types a custom response body takes.
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_CustomResponseBody.html
 */
const WAF_CONTENT_TYPES = {
  "text/plain": "TEXT_PLAIN",
  "text/html": "TEXT_HTML",
  "application/json": "APPLICATION_JSON",
} as const;

/** The WebACL's custom response bodies, one per blocking rule's reason, sent as core's FRONT_MEDIA_TYPE. */
export const wafBlockBodies = Object.entries(WAF_BLOCK_PROBLEMS).map(([key, problem]) => ({
  key,
  content: problemText(problem),
  contentType: WAF_CONTENT_TYPES[FRONT_MEDIA_TYPE],
}));

/**
 * A WAF Block action that answers the reason's status, body and headers (the API's, and when to try again
 * where core says it); a custom response may set any header but content-type.
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
        responseHeaders: Object.entries({
          ...frontProblemHeaders(WAF_BLOCK_PROBLEMS[reason]),
          ...BLOCK_HEADERS[reason],
        }).map(([name, value]) => ({ name, value })),
      },
    },
  };
}

/** The variable API Gateway replaces with the request's id in a gateway response's template. */
const GATEWAY_REQUEST_ID = "$context.requestId";

/**
 * A gateway response's status, headers and body template: the problem document, with the request's id so
 * logs can be found (a gateway response template takes simple variable substitution, not VTL), keyed by the
 * media type it is sent as (core's FRONT_MEDIA_TYPE).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html
 */
export function gatewayProblem(responseType: GatewayProblemType) {
  const problem = GATEWAY_PROBLEMS[responseType];
  return {
    statusCode: String(problem.status),
    responseParameters: gatewayAnswerParameters(frontProblemHeaders(problem)),
    responseTemplates: { [FRONT_MEDIA_TYPE]: problemText(problem, GATEWAY_REQUEST_ID) },
  };
}

/**
 * The headers of an answer made in front of the app (core's FRONT_ANSWER_HEADERS, or a problem's
 * frontProblemHeaders) as gateway response parameters: a static value is written in single quotes.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseParameters.html
 *
 * @example
 * new aws.apigateway.Response("…", { responseType: "DEFAULT_4XX", responseParameters: gatewayAnswerParameters() })
 */
export function gatewayAnswerParameters(
  headers: Readonly<Record<string, string>> = FRONT_ANSWER_HEADERS,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`]),
  );
}
