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
 * was not written ("1\u202e05" reads 150). The marks right-to-left text needs (U+200E, U+200F) are not.
 */
export const isBidiOverride = (code: number): boolean =>
  (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/** Whether quotedText escapes a character: a terminal would act on it (isControl) or reorder by it. */
const isEscaped = (code: number): boolean => isControl(code) || isBidiOverride(code);

/**
 * Whether `text` holds a character quotedText escapes: a control character or a bidirectional override.
 *
 * @example
 * needsEscaping("spx.csv") // false
 * needsEscaping("a\u202ecsv.exe") // true
 */
export function needsEscaping(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isEscaped(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Text as a message quotes it: in JSON's quotes and escapes, DEL, C1 and the bidirectional overrides
 * escaped too (JSON leaves them as they are), so that no control character in it reaches a terminal (a
 * line break stays on the message's one line, an ESC starts no sequence) and the text reads in the order
 * it is stored.
 *
 * @example
 * quotedText("a\n\u001b[2K") // '"a\\n\\u001b[2K"'
 * quotedText("1\u202e05") // '"1\\u202e05"'
 */
export function quotedText(text: string): string {
  return escapedJson(JSON.stringify(text));
}

/** JSON text with the characters JSON writes as they are, and quotedText escapes, written as \uXXXX. */
function escapedJson(json: string): string {
  let quoted = "";
  let from = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x7f || !isEscaped(code)) continue;
    quoted += `${json.slice(from, i)}\\u${code.toString(16).padStart(4, "0")}`;
    from = i + 1;
  }
  return from === 0 ? json : quoted + json.slice(from);
}

/**
 * A cell's text as a message quotes it (quotedText), cut after its first QUOTED_CHARS characters (a stray
 * quote can make a cell of megabytes, all printed once on stderr).
 *
 * @example
 * quotedCell("1\n2") // '"1\\n2"'
 * quotedCell("9".repeat(50)) // '"9999999999999999999999999999999999999999"...'
 */
export function quotedCell(text: string): string {
  return text.length > QUOTED_CHARS ? `${quotedText(text.slice(0, QUOTED_CHARS))}...` : quotedText(text);
}

/**
 * A value from a JSON document as a message quotes it: a string as a cell is (quotedCell), anything else as
 * its JSON, escaped as quotedText escapes and cut after QUOTED_CHARS characters (an array of 100,000
 * numbers where a close should be was printed whole, an object's keys with their C1 and overrides raw).
 *
 * @example
 * quotedValue("1\n2") // '"1\\n2"'
 * quotedValue({ price: 1 }) // '{"price":1}'
 */
export function quotedValue(value: unknown): string {
  if (typeof value === "string") return quotedCell(value);
  const json = String(JSON.stringify(value));
  return json.length > QUOTED_CHARS ? `${escapedJson(json.slice(0, QUOTED_CHARS))}...` : escapedJson(json);
}
