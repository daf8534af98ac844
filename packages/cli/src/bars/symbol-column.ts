// Whether a file may hold many series (a Symbol column, or JSON bars that name their symbols), told from
// its first bytes: so that a command knows, before it reads any file whole, which files give no symbol but
// their names'.

import {
  BACKSLASH,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  SPACE,
} from "./char-codes";

/** The bytes of UTF-8's byte order mark, which readSeries passes over. */
const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

const TAB = 9;

/** White space before a file's first cell or a JSON array's "[" (line breaks included). */
const isBlank = (byte: number | undefined) =>
  byte === SPACE || byte === TAB || byte === NEWLINE || byte === CARRIAGE_RETURN;

/**
 * Whether the first bar of a JSON array, its text after the "[" in `head`, may name its symbol (a JSON file
 * of many series, json-symbols.ts): false only when that bar is whole in `head` and holds neither the word
 * "symbol", in any case, nor an escape (a key may spell it so), nor an object inside it, nor a string
 * cut at a brace it holds (an odd count of quotes).
 */
function firstBarMayName(bars: Uint8Array, complete: boolean): boolean {
  const start = bars.indexOf(OPEN_BRACE);
  const end = bars.indexOf(CLOSE_BRACE);
  if (start < 0 || end < start) return !complete;
  const bar = Buffer.from(bars.buffer, bars.byteOffset + start, end - start + 1);
  if (bar.includes(BACKSLASH) || bar.indexOf(OPEN_BRACE, 1) >= 0) return true;
  let quotes = 0;
  for (const byte of bar) if (byte === QUOTE) quotes++;
  if (quotes % 2 === 1) return true;
  return bar.toString("latin1").toLowerCase().includes("symbol");
}

/**
 * Whether the file whose first bytes are `head` (all of it when `complete`) may have a Symbol column, or
 * be a JSON array whose bars name their symbols: false only when it is a JSON array whose first bar names
 * none (firstBarMayName), or its header, its first line that is not blank, is whole in `head` and holds
 * neither the word "symbol", in any case, nor a quote (a quoted cell may hold a line break). readSeries
 * takes a cell named so as the Symbol column; any header holding the word counts here.
 *
 * @example
 * mayHoldSymbolColumn(Buffer.from("Date,Close\n2020-01-02,10\n"), true) // false
 * mayHoldSymbolColumn(Buffer.from("Ticker;SYMBOL;Date;Close\n"), true) // true
 */
export function mayHoldSymbolColumn(head: Uint8Array, complete: boolean): boolean {
  let at = BYTE_ORDER_MARK.every((byte, k) => head[k] === byte) ? BYTE_ORDER_MARK.length : 0;
  while (at < head.length && isBlank(head[at])) at++;
  if (at === head.length) return !complete;
  if (head[at] === OPEN_BRACKET) return firstBarMayName(head.subarray(at + 1), complete);
  let end = at;
  while (end < head.length && head[end] !== NEWLINE && head[end] !== CARRIAGE_RETURN) end++;
  if (end === head.length && !complete) return true;
  const line = Buffer.from(head.buffer, head.byteOffset + at, end - at);
  return line.includes(QUOTE) || line.toString("latin1").toLowerCase().includes("symbol");
}
