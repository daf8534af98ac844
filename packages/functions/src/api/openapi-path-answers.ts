// What every path answers alike, outside the operations it serves: a CORS preflight (OPTIONS), and 405 with
// Allow to a method of API Gateway's ANY it does not take. The document describes each once, as an
// extension at its root, not as operations: a client generated from the document would get a method for
// each that can only fail, and the docs page as many more operations. The headers are the code's own
// (openapi-headers.ts), the paths and methods core's refusedMethods, each Allow core's allowHeaders.

import { API_ROUTES, allowHeaders, problemSchema, refusedMethods } from "@stock-patterns/core/contracts";
import { answerHeaders } from "./openapi-headers";

/** The names of the extensions, at the document's root. */
export const PATH_ANSWERS = { preflight: "x-cors-preflight", refused: "x-method-not-allowed" } as const;

/** Answers made by the app itself: those in front of it may answer first, as on any operation. */
const BY_APP = { byApp: true, inFront: false };

const problemContent = {
  "application/problem+json": { schema: { $ref: `#/components/schemas/${problemSchema.meta()?.id}` } },
};

/**
 * The document's `x-cors-preflight` and `x-method-not-allowed`: each `paths` (every path of core's list,
 * the methods answered so and, for a 405, its Allow) and `responses`, as an operation's (headers by
 * reference to components.headers).
 *
 * @example
 * documentation: { ...pathAnswerExtensions(), components: { … } }
 */
export function pathAnswerExtensions() {
  const refused = refusedMethods(API_ROUTES);
  const allow = allowHeaders(API_ROUTES);
  return {
    [PATH_ANSWERS.preflight]: {
      description:
        "Every path answers a CORS preflight (OPTIONS, sent by a browser before a request from another origin) without a key: 204, no body. Not an operation: no client calls it. Those in front of the app (AWS WAF, API Gateway) may answer first, as on the path's operations.",
      paths: Object.fromEntries(Object.keys(refused).map((path) => [path, { methods: ["OPTIONS"] }])),
      responses: {
        204: {
          description: "What a browser on another origin may send to the path (core's API_CORS)",
          headers: answerHeaders(204, BY_APP, { preflight: true }),
        },
      },
    },
    [PATH_ANSWERS.refused]: {
      description:
        "Each path answers the methods of API Gateway's ANY it does not take (`methods`) 405, whatever the key, with Allow: the methods it takes (`allow`). A body over 2 MB is refused first, 413. Not operations: they can only fail. Those in front of the app (AWS WAF, API Gateway) may answer first, as on the path's operations.",
      paths: Object.fromEntries(
        Object.entries(refused).map(([path, methods]) => [path, { methods, allow: allow[path] }]),
      ),
      responses: {
        405: {
          description: "Not a method of this path; the Allow header lists those it takes",
          headers: {
            ...answerHeaders(405, BY_APP),
            allow: {
              required: true,
              description: "The methods the path takes: its `allow` in `paths`.",
              schema: { type: "string", enum: [...new Set(Object.values(allow))].sort() },
            },
          },
          content: problemContent,
        },
        413: {
          description: "The body is over 2 MB (the app checks it before the method)",
          headers: answerHeaders(413, BY_APP),
          content: problemContent,
        },
      },
    },
  };
}
