// How the API's answers are compressed on the way out: API Gateway's payload compression on the deployed
// REST API (its minimumCompressionSize), and the local server under `npm start` doing the same.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gzip-compression-decompression.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-enable-compression.html

/**
 * The smallest answer body, in bytes, that is compressed (API Gateway compresses a payload of at least
 * minimumCompressionSize bytes). Below about a kilobyte an answer fits in one TCP segment (1,460 bytes of
 * an Ethernet frame) either way, so compressing it would cost CPU and save no round trip: a problem, a
 * health check, an approval's answer go as they are; a page of alerts or patterns is compressed.
 */
export const MIN_COMPRESSED_ANSWER_BYTES = 1024;

/**
 * The content codings API Gateway compresses an answer with, as a caller names them in Accept-Encoding
 * (RFC 9110 section 12.5.3); `identity` is the answer as it is.
 */
export const ANSWER_CODINGS = ["gzip", "deflate"] as const;

export type AnswerCoding = (typeof ANSWER_CODINGS)[number];
