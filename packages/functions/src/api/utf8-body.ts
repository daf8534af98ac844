// A JSON body is UTF-8 text (RFC 8259, section 8.1): one that is not is refused with 400. Read leniently, as
// Hono's c.req.json() reads it, each byte that is no UTF-8 became U+FFFD and a comment was stored so.

import type { Context } from "hono";
import { ProblemError } from "./problem";

/** Whether `bytes` are UTF-8 to their end, or a prefix of UTF-8 text with `stream` (a character cut off). */
const decodes = (bytes: Uint8Array, stream: boolean) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
};

/** Whether `byte` continues a character (0b10xxxxxx) rather than starting one. */
const continues = (byte: number | undefined) => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/**
 * Why `bytes` are not UTF-8: the offset of the first byte of the first ill-formed sequence, or a character cut
 * off at the end; or undefined when they are UTF-8. A prefix of UTF-8 stays one when a byte is added, until a
 * byte that breaks it (a binary search finds it). That byte is the culprit only when no character was begun
 * before it; otherwise the character begun is (Unicode's maximal subpart, as the WHATWG decoder counts its
 * errors): Latin-1's é before a quote names the é, not the quote that a UTF-8 decoder stumbles on.
 *
 * @example
 * notUtf8(new TextEncoder().encode("ok")) // undefined
 * notUtf8(new Uint8Array([0x61, 0xff])) // "byte 1 (0xff) is not part of a UTF-8 character"
 * notUtf8(new Uint8Array([0x61, 0xe9, 0x22])) // "byte 1 (0xe9) is not part of a UTF-8 character"
 */
export function notUtf8(bytes: Uint8Array): string | undefined {
  if (decodes(bytes, false)) return undefined;
  if (decodes(bytes, true)) return "it ends inside a character";
  let [valid, broken] = [0, bytes.length];
  while (broken - valid > 1) {
    const middle = Math.floor((valid + broken) / 2);
    if (decodes(bytes.subarray(0, middle), true)) valid = middle;
    else broken = middle;
  }
  // The bytes before the breaking one are whole characters and at most one begun: its lead byte and the
  // continuation bytes that followed it, which this steps back over.
  let at = broken - 1;
  if (!decodes(bytes.subarray(0, at), false)) {
    at -= 1;
    while (continues(bytes[at])) at -= 1;
  }
  return `byte ${at} (0x${bytes[at]?.toString(16).padStart(2, "0")}) is not part of a UTF-8 character`;
}

/**
 * Refuses a request whose body is not UTF-8 with a 400 saying where, before it is read as JSON. It reads
 * the body as bytes, which Hono keeps: every later read of the body is made from these (a read as JSON
 * first would be kept instead, and bytes read after it are that JSON written again, as UTF-8).
 *
 * @example
 * await requireUtf8Body(c); // then c.req.json()
 */
export async function requireUtf8Body(c: Context): Promise<void> {
  const reason = notUtf8(new Uint8Array(await c.req.arrayBuffer()));
  if (reason === undefined) return;
  const message = `the body is not UTF-8: ${reason}; send JSON as UTF-8`;
  throw new ProblemError(400, "Invalid request", message, { errors: [{ path: "body", message }] });
}
