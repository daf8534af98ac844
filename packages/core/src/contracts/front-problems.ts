// Problems answered in front of the Api function rather than by it: infra writes them into API Gateway's
// gateway responses, and the local server, which stands in for API Gateway, answers the same documents.

/** What a caller reads in a problem answered in front of the app: its status, title and why. */
export interface FrontProblem {
  status: number;
  title: string;
  detail: string;
}

/**
 * API Gateway's answer when the Api function has not answered within the integration timeout (29 s, the
 * Api's timeout in the catalog): the INTEGRATION_TIMEOUT gateway response.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const INTEGRATION_TIMEOUT_PROBLEM = {
  status: 504,
  title: "Gateway timeout",
  detail: "the API did not answer in time",
} as const satisfies FrontProblem;

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
