// A bar file's text to series: a JSON array when it starts with "[", CSV otherwise.

import { readCsv } from "./csv";
import { readJson } from "./json";
import type { ReadOptions, Series } from "./series";

const BYTE_ORDER_MARK = 0xfeff;

export { ColumnScratch, readColumns } from "./column-reader";
export type { ColumnSeries } from "./column-series";
export { type ByteSource, PIECE_BYTES, readColumnsFrom } from "./column-stream";
export { bytesAt, type FilePart, type PositionalSource, readColumnsPart, readFully } from "./part-reader";
export type { ReadOptions, Series } from "./series";
export {
  cutBySymbol,
  longFileHeader,
  readSharedRows,
  readSymbolRows,
  respelledLongFile,
  type SharedRuns,
  type SharedSymbols,
  type SymbolRows,
  shareSymbolRuns,
  shareSymbolRunsInSteps,
} from "./symbol-ranges";
export { eachSymbolSeries } from "./symbol-runs";
export { type DateFormat, dateFormat } from "./time";

/**
 * Parses CSV or a JSON array of bars into series; throws BarsError naming the row and the problem.
 *
 * @example
 * readSeries("Date,Close\n2020-01-02,10\n2020-01-03,11", { symbol: "SPX" })
 */
export function readSeries(text: string, options: ReadOptions): Series[] {
  const body = text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
  return body.trimStart().startsWith("[") ? readJson(body, options) : readCsv(body, options);
}

/**
 * A file's text from its bytes (UTF-8), for readSeries.
 *
 * @example
 * decodeText(Buffer.from("Date,Close\n")) // "Date,Close\n"
 */
export function decodeText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}
