// Whether a file may hold many series (a Symbol column), told from its first bytes: so that a command knows,
// before it reads any file whole, which files give no symbol but their names'.

import { CARRIAGE_RETURN, NEWLINE, QUOTE, SPACE } from "./char-codes";

/** The bytes of UTF-8's byte order mark, which readSeries passes over. */
const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

const OPEN_BRACKET = 0x5b;
const TAB = 9;

/** White space before a file's first cell or a JSON array's "[" (line breaks included). */
const isBlank = (byte: number | undefined) =>
  byte === SPACE || byte === TAB || byte === NEWLINE || byte === CARRIAGE_RETURN;

/**
 * Whether the file whose first bytes are `head` (all of it when `complete`) may have a Symbol column: false
 * only when it is a JSON array (one series) or its header, its first line that is not blank, is whole in
 * `head` and holds neither the word "symbol", in any case, nor a quote (a quoted cell may hold a line
 * break). readSeries takes a cell named so as the Symbol column; any header holding the word counts here.
 *
 * @example
 * mayHoldSymbolColumn(Buffer.from("Date,Close\n2020-01-02,10\n"), true) // false
 * mayHoldSymbolColumn(Buffer.from("Ticker;SYMBOL;Date;Close\n"), true) // true
 */
export function mayHoldSymbolColumn(head: Uint8Array, complete: boolean): boolean {
  let at = BYTE_ORDER_MARK.every((byte, k) => head[k] === byte) ? BYTE_ORDER_MARK.length : 0;
  while (at < head.length && isBlank(head[at])) at++;
  if (at === head.length) return !complete;
  if (head[at] === OPEN_BRACKET) return false;
  let end = at;
  while (end < head.length && head[end] !== NEWLINE && head[end] !== CARRIAGE_RETURN) end++;
  if (end === head.length && !complete) return true;
  const line = Buffer.from(head.buffer, head.byteOffset + at, end - at);
  return line.includes(QUOTE) || line.toString("latin1").toLowerCase().includes("symbol");
}
