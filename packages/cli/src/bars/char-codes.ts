// The byte (and UTF-16 code unit) values of the ASCII characters the bar readers look for and the JSON
// writer writes, named once.

export const NEWLINE = 10;
export const CARRIAGE_RETURN = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
/** The date separator of YYYY-MM-DD: the same character as MINUS. */
export const HYPHEN = MINUS;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
/** A time's hours, minutes and seconds are separated by it. */
export const COLON = 58;
/** Between a datetime's date and its time of day (or a space). */
export const LETTER_T = 84;
/** A datetime's zone, UTC. */
export const LETTER_Z = 90;
export const OPEN_BRACKET = 91;
export const BACKSLASH = 92;
export const CLOSE_BRACKET = 93;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
