// API Gateway's payload compression, as the local server applies it to the API's answers: an answer of at
// least core's MIN_COMPRESSED_ANSWER_BYTES goes gzip- or deflate-coded when the caller's Accept-Encoding
// puts one of them first (the deployed REST API's minimumCompressionSize; infra/api.ts).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-enable-compression.html

import { promisify } from "node:util";
import { deflate, gzip } from "node:zlib";
import {
  ANSWER_CODINGS,
  type AnswerCoding,
  MIN_COMPRESSED_ANSWER_BYTES,
} from "@stock-patterns/core/contracts";

const coders: Record<AnswerCoding, (body: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gzip),
  deflate: promisify(deflate),
};

/** A weight (`q`) as RFC 9110 section 12.4.2 writes it: 0 to 1, at most three decimals. */
const WEIGHT = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** One entry of Accept-Encoding: its coding (lower case) and weight; undefined for a malformed weight. */
function weighed(entry: string): { coding: string; weight: number } | undefined {
  const [coding = "", ...parameters] = entry.split(";").map((part) => part.trim());
  let weight = 1;
  for (const parameter of parameters) {
    const [name = "", value = ""] = parameter.split("=").map((part) => part.trim());
    if (name.toLowerCase() !== "q") continue;
    if (!WEIGHT.test(value)) return undefined;
    weight = Number(value);
  }
  return { coding: coding.toLowerCase(), weight };
}

/**
 * The coding an answer goes in for this Accept-Encoding: the caller's highest-weighted coding (the first
 * listed among equals) when it is one API Gateway applies; undefined (the answer as it is) for none, for
 * `identity` or a coding API Gateway does not apply (br, zstd) first, and for a weight of 0 (not
 * acceptable). `*` stands for every coding the header does not name (RFC 9110 section 12.5.3): the first of
 * gzip and deflate left unnamed, none when both are named, so that a coding refused with q=0 stays refused.
 *
 * @example
 * answerCoding("gzip, deflate, br") // "gzip"
 * answerCoding("br;q=1, gzip;q=0.8") // undefined: br comes first, and API Gateway does not apply it
 * answerCoding("gzip;q=0, *") // "deflate"
 */
export function answerCoding(acceptEncoding: string | null): AnswerCoding | undefined {
  const entries = (acceptEncoding ?? "").split(",").map(weighed);
  const named = new Set(entries.map((entry) => entry?.coding));
  let first: { coding: string; weight: number } | undefined;
  for (const found of entries) {
    if (!found || found.coding === "" || found.weight === 0) continue;
    if (!first || found.weight > first.weight) first = found;
  }
  if (first?.coding === "*") return ANSWER_CODINGS.find((coding) => !named.has(coding));
  return ANSWER_CODINGS.find((coding) => coding === first?.coding);
}

/**
 * `response` as API Gateway passes it to a caller whose Accept-Encoding is `acceptEncoding`: compressed
 * when answerCoding names a coding and the body holds at least MIN_COMPRESSED_ANSWER_BYTES, with its
 * Content-Encoding and without the length of the uncompressed body; otherwise the same. An answer with no
 * body (a HEAD's, a 204) or already coded is passed on untouched.
 *
 * @example
 * return compressedFor(request.headers.get("accept-encoding"), await app.fetch(request));
 */
export async function compressedFor(acceptEncoding: string | null, response: Response): Promise<Response> {
  const coding = answerCoding(acceptEncoding);
  if (!coding || response.body === null || response.headers.has("content-encoding")) return response;
  const body = Buffer.from(await response.arrayBuffer());
  const init = {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  };
  if (body.byteLength < MIN_COMPRESSED_ANSWER_BYTES) return new Response(body, init);
  init.headers.set("content-encoding", coding);
  init.headers.delete("content-length");
  return new Response(await coders[coding](body), init);
}
