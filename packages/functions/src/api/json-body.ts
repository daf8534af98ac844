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
 * The body `bytes` (UTF-8, as requireUtf8Body leaves them) read as JSON: its value, or why they are not
 * JSON, in words: where JSON.parse stopped, counted in the bytes sent as notUtf8 counts them (a byte order
 * mark included), and why, in V8's words; only a character it did not expect comes from the body, quoted
 * and escaped.
 *
 * @example
 * readJson(new TextEncoder().encode("[1]")) // { value: [1] }
 * readJson(new TextEncoder().encode("{")) // { refused: "it breaks at byte 1 (expected property name or '}')" }
 */
export function readJson(bytes: Uint8Array): { value: unknown } | { refused: string } {
  const text = new TextDecoder().decode(bytes);
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { refused: whyNotJson(bytes, text, error) };
  }
}

/** Why `text` (decoded from `bytes`) is not JSON, from JSON.parse's `error`. */
function whyNotJson(bytes: Uint8Array, text: string, error: unknown): string {
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

/**
 * Why the body `bytes` are not JSON (readJson), or undefined for JSON.
 *
 * @example
 * notJson(new TextEncoder().encode("{")) // "it breaks at byte 1 (expected property name or '}')"
 * notJson(new TextEncoder().encode("")) // "it is empty"
 */
export function notJson(bytes: Uint8Array): string | undefined {
  const read = readJson(bytes);
  return "refused" in read ? read.refused : undefined;
}

/**
 * Refuses a request whose body is not JSON with a 400 saying where, before the schema reads it; its bytes
 * are those Hono keeps (requireUtf8Body read them first). The value read is kept as Hono keeps a body read
 * as JSON, so the validator and the bars' check take it rather than parse the body again (Hono parses a
 * body kept as bytes anew at each c.req.json()).
 *
 * @example
 * await requireUtf8Body(c);
 * await requireJsonBody(c); // then c.req.json(), parsed once
 */
export async function requireJsonBody(c: Context): Promise<void> {
  const read = readJson(new Uint8Array(await c.req.arrayBuffer()));
  if ("value" in read) {
    c.req.bodyCache.json = Promise.resolve(read.value);
    return;
  }
  const message = `the body is not JSON: ${read.refused}; send JSON`;
  throw new ProblemError(400, "Invalid request", message, { errors: [{ path: "body", message }] });
}
