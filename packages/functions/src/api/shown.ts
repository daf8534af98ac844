// Text the caller sent, as a message names it: as sent when plain, else quoted so that nothing in it is
// hidden or acted on by whatever shows the message.

import { needsEscaping, quotedText } from "@stock-patterns/core";

/**
 * `text` as sent, or quoted (core's quotedText) when it has a space or a character that shows nothing or that
 * a terminal acts on: unquoted, it would start a message with a space, hide where it differs, or reach a
 * reader's screen as a control.
 *
 * @example
 * shown("Symbol") // "Symbol"
 * shown(" symbol") // '" symbol"'
 * shown("/x\u001b[2J") // '"/x\\u001b[2J"'
 */
export const shown = (text: string): string =>
  text.includes(" ") || needsEscaping(text) ? quotedText(text) : text;
