// A bar file's text to series: a JSON array when it starts with "[", CSV otherwise; and every series of a
// file read the fastest way it can be (eachSeries), as `patterns scan` and `patterns stats` read them.

import { constants } from "node:buffer";
import { BarsError } from "@stock-patterns/core";
import { readColumns } from "./column-reader";
import type { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { readCsv } from "./csv";
import { eachSymbolSeries } from "./gathered-rows";
import { readJson } from "./json";
import type { ReadOptions, Series } from "./series";
import { wrappedBarsHint } from "./wrapped-bars";

const BYTE_ORDER_MARK = 0xfeff;
const { MAX_STRING_LENGTH } = constants;

export { readColumns } from "./column-reader";
export { ColumnScratch } from "./column-scratch";
export type { ColumnSeries } from "./column-series";
export { readColumnsFrom } from "./column-stream";
export { checkInFile, inFileTerms, type SeriesInFile } from "./in-file";
export { bytesAt, type FilePart, type PositionalSource, readColumnsPart, readFully } from "./part-reader";
export { type ByteSource, PIECE_BYTES } from "./pieces";
export type { ReadOptions, Series } from "./series";
export { badFileSymbol, isSeriesFile, SERIES_FILES, symbolOf } from "./series-files";
export {
  readSharedRows,
  type SharedRuns,
  type SharedSymbols,
  shareSymbolRuns,
  shareSymbolRunsInSteps,
} from "./shared-runs";
export { mayHoldSymbolColumn } from "./symbol-column";
export {
  cutBySymbol,
  longFileHeader,
  readSymbolRows,
  respelledLongFile,
  type SymbolRows,
} from "./symbol-ranges";
export { DATE_FORMAT_RULES, type DateFormat, dateFormat, givenDateFormat } from "./time";

/**
 * Parses CSV or a JSON array of bars into series; throws BarsError naming the row and the problem.
 *
 * @example
 * readSeries("Date,Close\n2020-01-02,10\n2020-01-03,11", { symbol: "SPX" })
 */
export function readSeries(text: string, options: ReadOptions): Series[] {
  const body = text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
  const start = body.trimStart();
  if (start.startsWith("[")) return readJson(body, options);
  // No CSV header starts so: read as CSV, an object or JSON Lines got Papa Parse's words on its quotes. An
  // object that holds its bars under a key (Polygon's aggregates) is told where they are (wrappedBarsHint).
  if (start.startsWith("{"))
    throw new BarsError(
      `JSON bars must be one array of bar objects ([{"time": ..., "close": ...}, ...]), not an object or JSON Lines${wrappedBarsHint(body)}`,
      1,
    );
  const value = jsonScalar(start);
  if (value !== undefined)
    throw new BarsError(
      `JSON bars must be one array of bar objects ([{"time": ..., "close": ...}, ...]), not ${value}`,
      1,
    );
  return readCsv(body, options);
}

/**
 * A text that is one JSON null, true, false or string as written (`null`), else undefined: read as CSV, a
 * file of `null` was refused as a header without a Date column. A CSV header never parses so whole (a
 * quoted first name stops at its comma), nor does a number alone, which stays a file without a header's.
 */
function jsonScalar(start: string): string | undefined {
  const first = start[0];
  if (first !== "n" && first !== "t" && first !== "f" && first !== '"') return undefined;
  try {
    const value: unknown = JSON.parse(start);
    return value === null || typeof value === "boolean" || typeof value === "string"
      ? JSON.stringify(value).slice(0, 40)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file's text from its bytes (UTF-8), for readSeries. A file that starts with UTF-16's byte order mark
 * (FF FE or FE FF: Excel's "Unicode Text") is refused in words: read as UTF-8, its NUL bytes were named
 * as "a character that is not a letter" inside the header's names. So is a text longer than a string may
 * be (about 512 MiB), which Node's own error left unsaid.
 *
 * @example
 * decodeText(Buffer.from("Date,Close\n")) // "Date,Close\n"
 * decodeText(Buffer.from([0xff, 0xfe, 0x44, 0])) // throws: row 1: the input is UTF-16 (...): save it as UTF-8
 */
export function decodeText(bytes: Uint8Array): string {
  const [first, second] = bytes;
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) {
    const mark = [first, second].map((byte) => byte.toString(16).toUpperCase()).join(" ");
    throw new BarsError(
      `the input is UTF-16 (it starts with the byte order mark ${mark}): save it as UTF-8`,
      1,
    );
  }
  try {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  } catch (error) {
    // A JavaScript string holds at most MAX_STRING_LENGTH characters: a longer text read whole (JSON, a CSV
    // file the column reader does not take, npm start's replay) crashed with Node's stack.
    if ((error as { code?: string }).code !== "ERR_STRING_TOO_LONG") throw error;
    throw new BarsError(
      `the input is ${Math.ceil(bytes.byteLength / 2 ** 20)} MiB, more than a file read whole may hold as text (${MAX_STRING_LENGTH.toLocaleString("en-US")} characters, about ${Math.round(MAX_STRING_LENGTH / 2 ** 20)} MiB): split it into smaller files (a folder of a file per symbol reads as one universe)`,
    );
  }
}

/**
 * Hands each series of the file `bytes`, in the file's order, to `onColumns` when the column reader takes
 * it (the file's one series, or a long file's a symbol at a time; its columns live in `scratch` until the
 * next read), else to `onBars` as readSeries reads it. A long file the column reader declines part way has
 * its symbols before that one read into columns and the rest by readSeries, which groups a file's series
 * in the same order. `onSymbols`, when given, is told every symbol of the file, as written, once, before
 * its first series (a Symbol column's are known before any is read: no byte is read twice for it). Throws
 * BarsError as readSeries does.
 *
 * @example
 * eachSeries(bytes, { symbol: "SPX" }, scratch, (symbol, columns) => ..., ({ symbol, bars }) => ...);
 */
export function eachSeries(
  bytes: Uint8Array,
  read: ReadOptions,
  scratch: ColumnScratch,
  onColumns: (symbol: string, series: ColumnSeries) => void,
  onBars: (series: Series) => void,
  onSymbols?: (symbols: readonly string[]) => void,
): void {
  const columns = readColumns(bytes, read, scratch);
  if (columns) {
    onSymbols?.([read.symbol]);
    onColumns(read.symbol, columns);
    return;
  }
  let done = 0;
  let told = false;
  const tell = (symbols: readonly string[]) => {
    told = true;
    onSymbols?.(symbols);
  };
  const long = eachSymbolSeries(
    bytes,
    read,
    scratch,
    (symbol, series) => {
      done++;
      onColumns(symbol, series);
    },
    tell,
  );
  if (long) return;
  const all = readSeries(decodeText(bytes), read);
  if (!told) tell(all.map((series) => series.symbol));
  for (const series of all.slice(done)) onBars(series);
}
