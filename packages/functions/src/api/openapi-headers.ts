// The response headers of the OpenAPI document, from core's constants: what every answer carries, a 401's
// challenge and the app's request id, as components.headers that each response refers to.

import { API_ANSWER_HEADERS, API_KEY_CHALLENGE, REQUEST_ID_HEADER } from "@stock-patterns/core/contracts";
import * as z from "zod";

/** A header as components.headers holds it. */
interface Header {
  required: boolean;
  description: string;
  schema: Record<string, unknown>;
}

const fixed = (headers: Readonly<Record<string, string>>, description: string) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]): [string, Header] => [
      name,
      { required: true, description, schema: { type: "string", const: value } },
    ]),
  );

const { $schema: _, ...requestIdSchema } = z.toJSONSchema(z.guid()) as Record<string, unknown>;
const requestId = (required: boolean, when: string): Header => ({
  required,
  description: `The request's id, as the problem's requestId holds it (Lambda's awsRequestId); ${when}.`,
  schema: requestIdSchema,
});

/** The name in components.headers of the request id where the app shares a status with those in front of it. */
const REQUEST_ID_IF_APP = `${REQUEST_ID_HEADER}.if-the-app-answers`;

/**
 * The document's components.headers.
 *
 * @example
 * documentation: { components: { headers: ANSWER_HEADER_COMPONENTS } }
 */
export const ANSWER_HEADER_COMPONENTS: Record<string, Header> = {
  ...fixed(
    API_ANSWER_HEADERS,
    "On every answer, the app's and those made in front of it (AWS WAF, API Gateway, the local server).",
  ),
  ...fixed(API_KEY_CHALLENGE, "On every 401, the app's and AWS WAF's: the key goes in the X-API-Key header."),
  [REQUEST_ID_HEADER]: requestId(true, "only the app answers this status"),
  [REQUEST_ID_IF_APP]: requestId(
    false,
    "on the app's answer, not on one made in front of it (AWS WAF, API Gateway, the local server)",
  ),
};

const ref = (component: string) => ({
  $ref: `#/components/headers/${component}`,
});

/**
 * The headers an answer of `status` carries, by who may make it: the app, those in front of it, or both.
 *
 * @example
 * answerHeaders(504, { byApp: false, inFront: true }) // cache-control, x-content-type-options
 */
export function answerHeaders(status: number, { byApp, inFront }: { byApp: boolean; inFront: boolean }) {
  const names = [
    ...Object.keys(API_ANSWER_HEADERS),
    ...(status === 401 ? Object.keys(API_KEY_CHALLENGE) : []),
  ];
  return {
    ...Object.fromEntries(names.map((name) => [name, ref(name)])),
    ...(byApp ? { [REQUEST_ID_HEADER]: ref(inFront ? REQUEST_ID_IF_APP : REQUEST_ID_HEADER) } : {}),
  };
}
