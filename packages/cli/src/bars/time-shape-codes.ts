// The numbers that say how a file writes its bars' times (time-shape.ts reads and writes them). Plain
// constants only: the WebAssembly reader (assembly/row-reader.ts) compiles this file too.

/** The length of a YYYY-MM-DD date, the part of a time every row the column reader takes starts with. */
export const DATE_LENGTH = 10;
/** No row read yet. */
export const UNKNOWN_SHAPE = 0;
/** YYYY-MM-DD alone: no time of day. */
export const DATE_SHAPE = 1;
/** A date and a time of day: the shape's bit for a space between them (else "T"). */
export const SPACE_BIT = 32;
/** A date and a time of day: the shape's low bits, the bytes after the date ("THH:MM" 6, "THH:MM:SS" 9, one more with "Z"). */
export const LENGTH_BITS = 31;
/** Epoch seconds: digits, 1 to 11 of them (to 5138), none a leading 0 (the CLI's rule, time.ts); 9 or more in a first row. */
export const EPOCH_SECONDS = 64;
/** Epoch milliseconds: digits, 12 or 13 of them, none a leading 0. */
export const EPOCH_MILLISECONDS = 65;
/**
 * Epoch seconds of at most this many digits (before 1973-03-03) in a file's first row send the file to
 * readSeries: eight digits are no time (core's AMBIGUOUS_DIGITS, a test holds them equal), and a file the
 * readers take then has none, its times ascending from nine digits without a leading 0, so no row pays
 * for the rule.
 */
export const AMBIGUOUS_DIGITS = 8;
/** The most digits of each epoch unit. */
export const SECONDS_DIGITS = 11;
export const MILLISECONDS_DIGITS = 13;
/** A day in each epoch unit: a time's day number is its value over this, its clock the rest. */
export const DAY_SECONDS = 86_400;
export const DAY_MILLISECONDS = 86_400_000;
