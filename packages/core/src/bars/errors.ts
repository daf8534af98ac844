// Input problems are reported with the row they were found on, so a user can fix the file.

/**
 * A series of bars that cannot be used, with the 1-based row where the problem is
 * (the line number for CSV, the array position for JSON).
 *
 * @example
 * try { parseBarsCsv(text) } catch (e) { if (e instanceof BarsError) console.error(e.message) }
 */
export class BarsError extends Error {
  readonly row?: number;
  /** The problem without the row: for a reader that names the row its own way (the API's `body.bars.21`). */
  readonly reason: string;

  constructor(reason: string, row?: number) {
    super(row === undefined ? reason : `row ${row}: ${reason}`);
    this.name = "BarsError";
    this.row = row;
    this.reason = reason;
  }
}

/** How much of a cell a message quotes: enough to find it in the file, however long the cell. */
const QUOTED_CHARS = 40;

/**
 * Whether a character is a control character (Unicode's Cc: C0 with its line breaks and ESC, DEL, and C1,
 * U+0080 to U+009F, among them an 8-bit CSI): a terminal acts on one rather than shows it.
 */
export const isControl = (code: number): boolean => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/**
 * Whether a character is a bidirectional embedding, override or isolate (U+202A to U+202E, U+2066 to
 * U+2069): it shows the text around it in another order than it is stored, so a reader could see what
 * was not written ("1\u202e05" reads 150). The marks right-to-left text needs (U+200E, U+200F) are not:
 * free text (readableText) may hold them, though a message quoting it shows them escaped (ESCAPED).
 */
export const isBidiOverride = (code: number): boolean =>
  (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/**
 * What quotedText escapes: Unicode's control characters (Cc: isControl's), its format characters (Cf: the
 * bidirectional overrides of isBidiOverride, and what shows nothing where it stands, such as the Arabic
 * letter mark U+061C, the zero-width space, joiners and marks U+200B to U+200F, the word joiner U+2060 and
 * U+FEFF inside text, the tag characters U+E0000 on), the other characters Unicode lets show nothing
 * (Default_Ignorable_Code_Point: the combining grapheme joiner U+034F, the Hangul fillers U+115F, U+1160,
 * U+3164 and U+FFA0, the variation selectors U+FE00 to U+FE0F...), the line and paragraph separators
 * U+2028 and U+2029 (Zl, Zp), which some readers break a line at, and the spaces but U+0020 (Zs: the
 * no-break space, U+2000 to U+200A, U+3000...), which read as it. A cell "5\u200b" read "5" in a message
 * saying it is not a number, a file AA\u200bPL.csv (or AA\u034fPL.csv) as AAPL.csv in one saying its
 * name gives no symbol, and a close "5\u00a0" as "5 ", though the ASCII space a cell may be padded with
 * (unpadded) is taken away.
 */
const ESCAPED = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;
/** ESCAPED, for every match in a text. */
const EVERY_ESCAPED = new RegExp(ESCAPED.source, "gu");

/**
 * Whether `text` holds a character quotedText escapes: a control or format character (a bidirectional
 * override, a zero-width one), another that shows nothing (a variation selector, a Hangul filler), a line
 * or paragraph separator, or a space other than U+0020.
 *
 * @example
 * needsEscaping("spx.csv") // false
 * needsEscaping("a\u202ecsv.exe") // true
 * needsEscaping("AA\u200bPL.csv") // true
 */
export const needsEscaping = (text: string): boolean => ESCAPED.test(text);

/**
 * `text` without every character quotedText escapes: what a reader sees of it, the spaces but U+0020 gone
 * too. "Sym\u200bbol" reads Symbol.
 *
 * @example
 * withoutEscaped("Sym\u200bbol\u00a0") // "Symbol"
 */
export const withoutEscaped = (text: string): string => text.replace(EVERY_ESCAPED, "");

/**
 * Text as a message quotes it: in JSON's quotes and escapes, DEL, C1, the format characters and the line
 * and paragraph separators escaped too (JSON leaves them as they are), so that no control character in it
 * reaches a terminal (a line break stays on the message's one line, an ESC starts no sequence), the text
 * reads in the order it is stored, and what shows nothing is seen.
 *
 * @example
 * quotedText("a\n\u001b[2K") // '"a\\n\\u001b[2K"'
 * quotedText("1\u202e05") // '"1\\u202e05"'
 * quotedText("AA\u200bPL") // '"AA\\u200bPL"'
 */
export function quotedText(text: string): string {
  return escapedJson(JSON.stringify(text));
}

/**
 * JSON text with the characters JSON writes as they are, and quotedText escapes, written as \uXXXX (one
 * outside the BMP as its two halves, as JSON writes a lone one).
 */
const escapedJson = (json: string): string =>
  json.replace(EVERY_ESCAPED, (character) => {
    let escaped = "";
    for (let i = 0; i < character.length; i++)
      escaped += `\\u${character.charCodeAt(i).toString(16).padStart(4, "0")}`;
    return escaped;
  });

/**
 * What a cut of quoted text keeps whole: an escaped surrogate pair (a tag character's two halves), an
 * escape, a character (both halves of one outside the BMP).
 */
const QUOTED_PIECE = /\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.|./gsu;

/**
 * Quoted text (quotedText's, or several joined) cut to at most `most` characters, with "..." after when
 * cut: on a whole character or escape, where a slice could leave half of 📈 (U+FFFD once written) or
 * "\u20" of "\u200b".
 *
 * @example
 * cutQuoted('"ab\\u200b"', 6) // '"ab...'
 * cutQuoted('"ab"', 6) // '"ab"'
 */
export function cutQuoted(quoted: string, most: number): string {
  if (quoted.length <= most) return quoted;
  let end = 0;
  for (const { 0: piece, index } of quoted.matchAll(QUOTED_PIECE)) {
    if (index + piece.length > most) break;
    end = index + piece.length;
  }
  return `${quoted.slice(0, end)}...`;
}

/**
 * A cell's text as a message quotes it (quotedText), cut after its first QUOTED_CHARS characters, or one
 * fewer when the last is half of one outside the BMP (a stray quote can make a cell of megabytes, all
 * printed once on stderr).
 *
 * @example
 * quotedCell("1\n2") // '"1\\n2"'
 * quotedCell("9".repeat(50)) // '"9999999999999999999999999999999999999999"...'
 */
export function quotedCell(text: string): string {
  if (text.length <= QUOTED_CHARS) return quotedText(text);
  // Not between the two halves of a character outside the BMP: the first would be quoted alone, "\ud83d".
  const halves = isHighHalf(text.charCodeAt(QUOTED_CHARS - 1)) && isLowHalf(text.charCodeAt(QUOTED_CHARS));
  return `${quotedText(text.slice(0, halves ? QUOTED_CHARS - 1 : QUOTED_CHARS))}...`;
}

const isHighHalf = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowHalf = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * A value from a JSON document as a message quotes it: a string as a cell is (quotedCell), anything else as
 * its JSON, cut within QUOTED_CHARS characters on a whole one or escape (cutQuoted) and escaped as
 * quotedText escapes (an array of 100,000 numbers where a close should be was printed whole, an object's
 * keys with their C1 and overrides raw).
 *
 * @example
 * quotedValue("1\n2") // '"1\\n2"'
 * quotedValue({ price: 1 }) // '{"price":1}'
 */
export function quotedValue(value: unknown): string {
  if (typeof value === "string") return quotedCell(value);
  return escapedJson(cutQuoted(String(JSON.stringify(value)), QUOTED_CHARS));
}
