// Text the caller sent, as a message names it: as sent when plain, else quoted so that nothing in it is
// hidden or acted on by whatever shows the message; cut when long, so that what was sent cannot make the
// answer large.

import { needsEscaping, quotedText } from "@stock-patterns/core";

/**
 * Most characters of the caller's text a message shows. A body's unknown field was named whole, in its
 * errors[].path and in its message: 60 names of 30,000 characters (1.8 MB) answered a 400 of 3 MB.
 */
export const SHOWN_CHARACTERS = 100;

/** `text` whole: as sent, or quoted when it has a space or a character that shows nothing or acts. */
const whole = (text: string) => (text.includes(" ") || needsEscaping(text) ? quotedText(text) : text);

/**
 * `text` as sent, or quoted (core's quotedText) when it has a space or a character that shows nothing or that
 * a terminal acts on: unquoted, it would start a message with a space, hide where it differs, or reach a
 * reader's screen as a control. Past SHOWN_CHARACTERS its first ones are shown, then an ellipsis and how many
 * it has (characters, not UTF-16 units: a cut never splits a surrogate pair).
 *
 * @example
 * shown("Symbol") // "Symbol"
 * shown(" symbol") // '" symbol"'
 * shown("/x\u001b[2J") // '"/x\\u001b[2J"'
 * shown("x".repeat(30_000)) // `${"x".repeat(100)}… (30,000 characters)`
 */
export function shown(text: string): string {
  if (text.length <= SHOWN_CHARACTERS) return whole(text);
  const characters = [...text];
  if (characters.length <= SHOWN_CHARACTERS) return whole(text);
  const first = characters.slice(0, SHOWN_CHARACTERS).join("");
  return `${whole(first)}… (${characters.length.toLocaleString("en-US")} characters)`;
}
