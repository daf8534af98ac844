// A body sent with a Content-Encoding (gzip, deflate, br) is refused with 415 naming it, before it is read:
// the app decodes no body, so its limits hold for the bytes as sent. On AWS the firewall refuses such a POST
// first (infra/waf.ts, CompressedBody), before API Gateway would decompress one of 1 KB or more; under 1 KB
// it would pass it on still compressed, which read as JSON was answered as malformed. Nothing is
// decompressed here either, so `npm start` answers as AWS does.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-make-request-with-compressed-payload.html

import type { Context } from "hono";
import { ProblemError } from "./problem";
import { shown } from "./shown";

/**
 * The one content coding a body is taken in: none (`identity`, RFC 9110 section 8.4.1, the same as no
 * Content-Encoding at all).
 */
export const ACCEPTED_CODING = "identity";

/**
 * The codings named by a Content-Encoding value, in the order applied, but `identity`, which changes
 * nothing (lower case: codings are case-insensitive).
 *
 * @example
 * codingsOf("GZIP, identity") // ["gzip"]
 */
export function codingsOf(contentEncoding: string): string[] {
  return contentEncoding
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== ACCEPTED_CODING);
}

/**
 * Refuses a request whose body is sent with a content coding, with a 415 naming it and what is taken.
 *
 * @example
 * refuseEncodedBody(c); // then the body is read as it came
 */
export function refuseEncodedBody(c: Context): void {
  const codings = codingsOf(c.req.header("Content-Encoding") ?? "");
  if (codings.length === 0) return;
  throw new ProblemError(
    415,
    "Unsupported media type",
    `the body is sent with Content-Encoding: ${codings.map(shown).join(", ")}, which this API does not decode; send the JSON uncompressed, without Content-Encoding (or as ${ACCEPTED_CODING})`,
  );
}
