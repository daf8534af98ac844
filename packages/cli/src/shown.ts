// A file's name or an argument as an error line shows it: where a terminal reads it, a control character in
// it (a line break, an ESC) would forge lines, colours or a window title of its own.

import { hasControl, quotedText } from "@stock-patterns/core";

/**
 * `text` as it is, or, when it holds a control character, in the quotes and escapes a cell is quoted in
 * (core's quotedText).
 *
 * @example
 * shown("spx.csv") // "spx.csv"
 * shown("a\nb.csv") // '"a\\nb.csv"'
 */
export const shown = (text: string): string => (hasControl(text) ? quotedText(text) : text);
