// Free text people write (an approver's comment) is stored and shown again: only text every reader can
// take. NUL and other control characters break consoles and logs; a lone UTF-16 surrogate is not
// Unicode at all, so strict JSON and UTF-8 readers fail on it.

import * as z from "zod";
import { isBidiOverride, isControl } from "../bars/errors";

/**
 * Whether the text holds a control character (isControl: C0, DEL and C1, among them NEL and an 8-bit CSI),
 * other than tab, line feed and carriage return.
 */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code) && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether the text holds a bidirectional embedding, override or isolate (isBidiOverride). */
function hasBidiOverride(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isBidiOverride(text.charCodeAt(i))) return true;
  return false;
}

/** A tab or a line break: what a comment may hold and a name, shown on one line, may not. */
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/**
 * Trimmed text of at most `max` characters, without control characters, bidirectional overrides or
 * isolates, or lone surrogates; with `oneLine`, without tabs or line breaks either (a name, which is
 * shown inside a sentence).
 *
 * @example
 * readableText(1000).parse("looks right \u2714") // ok
 * readableText(1000).parse("a\u0000b")           // throws: "must not contain control characters"
 * readableText(100, { oneLine: true }).parse("ops\nteam") // throws: "must be one line ..."
 */
export function readableText(max: number, { oneLine = false }: { oneLine?: boolean } = {}) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((text) => !hasControl(text), "must not contain control characters (such as NUL)")
    .refine(
      (text) => !oneLine || !LINE_BREAK_OR_TAB.test(text),
      "must be one line, without tabs or line breaks",
    )
    .refine(
      (text) => !hasBidiOverride(text),
      "must not contain bidirectional overrides or isolates (U+202A to U+202E, U+2066 to U+2069)",
    )
    .refine((text) => !LONE_SURROGATE.test(text), "must be well-formed Unicode (no lone surrogate)");
}
