// A body read as JSON must be JSON: one that is not is refused with a 400 saying where it stops being JSON,
// at `body` in `errors` as every other problem of the body is. Hono's validator answered its own
// "Malformed JSON in request body", with no `errors` and no place.

import { quotedText } from "@stock-patterns/core";
import type { Context } from "hono";
import { ProblemError } from "./problem";

/** V8's SyntaxError of JSON.parse that says where: its reason and the position (in UTF-16 units). */
const AT_POSITION = /^(.+?)(?: in JSON)? at position (\d+)/;
/** V8's SyntaxError of a token JSON has nowhere (`xyz`, `tru}`): it says which, not where. */
const UNEXPECTED_TOKEN = /^Unexpected token '(.+?)', /su;

/**
 * Why the body `bytes` (UTF-8, as requireUtf8Body leaves them) are not JSON, in words: where JSON.parse
 * stopped, counted in the bytes sent as notUtf8 counts them (a byte order mark included), and why, in V8's
 * words; only a character it did not expect comes from the body, quoted and escaped. Undefined for JSON.
 *
 * @example
 * notJson(new TextEncoder().encode("{")) // "it breaks at byte 1 (expected property name or '}')"
 * notJson(new TextEncoder().encode("")) // "it is empty"
 */
export function notJson(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(bytes);
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    if (text.trim() === "") return "it is empty";
    const reason = error instanceof Error ? error.message : String(error);
    const at = AT_POSITION.exec(reason);
    if (at) {
      // Bytes before the text: a byte order mark, which the decoder (as Hono's) drops.
      const byte = bytes.length - Buffer.byteLength(text) + Buffer.byteLength(text.slice(0, Number(at[2])));
      return `it breaks at byte ${byte} (${(at[1] ?? "").replace(/^./, (first) => first.toLowerCase())})`;
    }
    const token = UNEXPECTED_TOKEN.exec(reason)?.[1];
    if (token !== undefined) return `it has an unexpected ${quotedText(token)}`;
    if (reason.startsWith("Unexpected end")) return `it ends after ${bytes.length} bytes, inside its value`;
    return "JSON.parse cannot read it";
  }
}

/**
 * Refuses a request whose body is not JSON with a 400 saying where, before the schema reads it; its bytes
 * are those Hono keeps (requireUtf8Body read them first).
 *
 * @example
 * await requireUtf8Body(c);
 * await requireJsonBody(c); // then c.req.json()
 */
export async function requireJsonBody(c: Context): Promise<void> {
  const reason = notJson(new Uint8Array(await c.req.arrayBuffer()));
  if (reason === undefined) return;
  const message = `the body is not JSON: ${reason}; send JSON`;
  throw new ProblemError(400, "Invalid request", message, { errors: [{ path: "body", message }] });
}
