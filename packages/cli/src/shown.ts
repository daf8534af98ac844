// A file's name or an argument as an error line shows it: where a terminal reads it, a control character in
// it (a line break, an ESC) would forge lines, colours or a window title of its own, and a bidirectional
// override would show the rest of the line in another order than it is written.

import { needsEscaping, quotedText } from "@stock-patterns/core";

/**
 * `text` as it is, or, when it holds a control character or a bidirectional override (core's
 * needsEscaping), in the quotes and escapes a cell is quoted in (core's quotedText).
 *
 * @example
 * shown("spx.csv") // "spx.csv"
 * shown("a\nb.csv") // '"a\\nb.csv"'
 */
export const shown = (text: string): string => (needsEscaping(text) ? quotedText(text) : text);
