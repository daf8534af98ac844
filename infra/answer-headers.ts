// The API's answer headers (core's API_ANSWER_HEADERS) on the answers made in front of the Api function:
// WAF blocks and API Gateway's own errors, each in the form its service takes them.
import { API_ANSWER_HEADERS } from "@stock-patterns/core/contracts";

const answerHeaders = Object.entries(API_ANSWER_HEADERS);

/**
 * A WAF Block action that answers `responseCode` with the API's headers; a custom response may set any
 * header but content-type.
 * https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html
 *
 * @example
 * action: blockAnswering(429)
 */
export function blockAnswering(responseCode: number) {
  return {
    block: {
      customResponse: {
        responseCode,
        responseHeaders: answerHeaders.map(([name, value]) => ({ name, value })),
      },
    },
  };
}

/**
 * The API's headers as gateway response parameters: a static value is written in single quotes.
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
