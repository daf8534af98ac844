// `patterns scan`'s default output: every series' rows (table-rows.ts) in one aligned table, each column as
// wide as its widest cell, then a summary. Written row by row into chunks of bytes as they fill, from bytes
// made once for what repeats (a symbol, a code with its name, a status).
// biome-ignore-all lint/style/noNonNullAssertion: column and cell indices stay below their counts.

import { counted, PATTERN_CODES, PATTERN_NAMES, type PatternCode, storedSymbol } from "@stock-patterns/core";
import { writeBytes } from "./json-bytes";
import type { LineChunks } from "./line-chunks";
import { OUTCOME_HEADER, OUTCOME_STATUSES, statusCounts } from "./outcomes";
import type { SeriesResult } from "./scan-file";
import { DETECTION_CELLS, eachTableRow, OUTCOME_CELLS } from "./table-rows";

const DETECTION_HEADER = ["symbol", "code", "name", "start", "end", "detectedAt", "confidence"];
/** The header's columns by index; with --outcomes, status, breakout and target follow confidence. */
const SYMBOL = 0;
const CODE = 1;
const NAME = 2;
/** Where a row's text cells start (after symbol, code and name): a series' widths[k] is column FIRST_CELL + k. */
const FIRST_CELL = 3;
const CONFIDENCE = DETECTION_HEADER.length - 1;
const STATUS = CONFIDENCE + 1;
const BREAKOUT = STATUS + 1;
const TARGET = BREAKOUT + 1;
const GAP = "  ";
const SPACE = 0x20;
const LAST_ASCII = 0x7f;

/**
 * Writes the table of `results` (their rows written by TableRowsWriter, with --outcomes each detection's
 * status, breakout and target too) into `lines`: the symbol column only when there are several series,
 * numbers (confidence, target) aligned right, then a summary of detections, bars, series and the count
 * for each code found, and with outcomes the count of each status.
 *
 * @example
 * writeTable(results, false, new LineChunks(print)); // then print what LineChunks holds
 */
export function writeTable(results: readonly SeriesResult[], outcomes: boolean, lines: LineChunks): void {
  const header = outcomes ? [...DETECTION_HEADER, ...OUTCOME_HEADER] : DETECTION_HEADER;
  const many = results.length > 1;
  const withRows = results.filter((result) => rowCount(result) > 0);
  const total: Partial<Record<PatternCode, number>> = {};
  let bars = 0;
  for (const result of results) {
    bars += result.bars;
    for (const [code, n] of Object.entries(result.counts) as [PatternCode, number][])
      total[code] = (total[code] ?? 0) + n;
  }
  const found = PATTERN_CODES.filter((code) => total[code]);
  // Each column as wide as its widest cell, its header's included.
  const widths = header.map((h) => h.length);
  for (const result of withRows) {
    widths[SYMBOL] = Math.max(widths[SYMBOL]!, result.symbol.length);
    result.widths?.forEach((width, k) => {
      widths[FIRST_CELL + k] = Math.max(widths[FIRST_CELL + k]!, width);
    });
  }
  for (const code of found) {
    widths[CODE] = Math.max(widths[CODE]!, code.length);
    widths[NAME] = Math.max(widths[NAME]!, PATTERN_NAMES[code].length);
  }
  // Numbers align right: confidence, and the target price with --outcomes.
  const right = new Set([CONFIDENCE, header.length - 1]);
  const columns = header.map((_, c) => c).slice(many ? 0 : 1);
  lines.line(
    `${columns
      .map((c) => (right.has(c) ? header[c]!.padStart(widths[c]!) : header[c]!.padEnd(widths[c]!)))
      .join(GAP)
      .trimEnd()}\n`,
  );
  const statuses = new Array<number>(OUTCOME_STATUSES.length).fill(0);
  const rows = new RowWriter(widths, outcomes, right);
  for (const result of withRows) rows.writeSeries(result, many, lines, statuses);
  const counts = found.map((code) => `${code} ${total[code]}`);
  const detections = found.reduce((sum, code) => sum + (total[code] ?? 0), 0);
  const where = many ? `${counted(bars, "bar")} of ${results.length} series` : counted(bars, "bar");
  lines.line(
    `\n${counted(detections, "detection")} in ${where}${counts.length ? `: ${counts.join(", ")}` : ""}\n`,
  );
  // No detection, no outcome to count: the line had ended on "outcomes: " and nothing after it.
  if (outcomes && detections > 0) lines.line(`outcomes: ${statusCounts(statuses)}\n`);
}

/** The rows a series' result holds (its count per code adds up to them). */
function rowCount(result: SeriesResult): number {
  return Object.values(result.counts).reduce((sum: number, n) => sum + (n ?? 0), 0);
}

/** Writes rows into lines, with the bytes of what repeats made once for the table's widths. */
class RowWriter {
  /** Per code index: the code and its name, each padded, each followed by the gap. */
  private readonly heads: Buffer[];
  /** Per status index: the status padded and followed by the gap. */
  private readonly statuses: Buffer[];
  /** The widths of the rows' text cells, and whether each aligns right. */
  private readonly cellWidths: number[];
  private readonly cellRight: boolean[];
  private readonly cells: number;
  /** The most bytes a row takes besides its cells' own bytes. */
  private readonly rowBytes: number;

  constructor(
    private readonly widths: readonly number[],
    outcomes: boolean,
    right: ReadonlySet<number>,
  ) {
    const padded = (text: string, c: number) => text.padEnd(widths[c]!) + GAP;
    this.heads = PATTERN_CODES.map((code) =>
      Buffer.from(padded(code, CODE) + padded(PATTERN_NAMES[code], NAME)),
    );
    this.statuses = OUTCOME_STATUSES.map((status) => Buffer.from(padded(status, STATUS)));
    this.cells = outcomes ? OUTCOME_CELLS : DETECTION_CELLS;
    // The text cells' columns: start .. confidence, then (after status) breakout and target.
    const cellColumns = [
      FIRST_CELL,
      FIRST_CELL + 1,
      FIRST_CELL + 2,
      CONFIDENCE,
      ...(outcomes ? [BREAKOUT, TARGET] : []),
    ];
    this.cellWidths = cellColumns.map((c) => widths[c]!);
    this.cellRight = cellColumns.map((c) => right.has(c));
    this.rowBytes = widths.reduce((sum, width) => sum + width + GAP.length, 1);
  }

  /** Writes `result`'s rows into `lines` (its symbol first when `many`), counting their statuses. */
  writeSeries(result: SeriesResult, many: boolean, lines: LineChunks, statuses: number[]): void {
    // As the API stores it (a symbol's shape is ASCII: as wide upper-cased).
    const shown = storedSymbol(result.symbol);
    const symbol = many ? Buffer.from(shown.padEnd(this.widths[SYMBOL]!) + GAP) : Buffer.alloc(0);
    const chunks = typeof result.text === "string" ? [] : result.text;
    eachTableRow(chunks, this.cells, (bytes, row) => {
      let cellBytes = 0;
      for (let k = 0; k < this.cells; k++) cellBytes += row.ends[k]! - row.starts[k]!;
      lines.room(symbol.length + this.rowBytes + cellBytes);
      const out = lines.out;
      let at = lines.at;
      at = writeBytes(out, at, symbol);
      at = writeBytes(out, at, this.heads[row.code]!);
      for (let k = 0; k < this.cells; k++) {
        // The status's column comes before the breakout's.
        if (k === DETECTION_CELLS) {
          statuses[row.status]!++;
          at = writeBytes(out, at, this.statuses[row.status]!);
        }
        at = this.writeCell(out, at, bytes, row.starts[k]!, row.ends[k]!, k);
        if (k < this.cells - 1) at = writeSpaces(out, at, GAP.length);
      }
      out[at++] = 0x0a;
      lines.at = at;
    });
  }

  /** Writes cell `k`'s bytes [from, to) padded to its column's width; returns where it ends. */
  private writeCell(out: Buffer, at: number, bytes: Uint8Array, from: number, to: number, k: number): number {
    const pad = this.cellWidths[k]! - textLength(bytes, from, to);
    let next = at;
    if (this.cellRight[k]) next = writeSpaces(out, next, pad);
    for (let i = from; i < to; i++) out[next++] = bytes[i]!;
    return this.cellRight[k] ? next : writeSpaces(out, next, pad);
  }
}

/** Writes `count` spaces (none when it is not positive) into `out` at `at`; returns where they end. */
function writeSpaces(out: Uint8Array, at: number, count: number): number {
  let to = at;
  for (let i = 0; i < count; i++) out[to++] = SPACE;
  return to;
}

/** The length in UTF-16 code units (what padEnd counts) of the UTF-8 text in bytes [from, to). */
function textLength(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++)
    if (bytes[i]! > LAST_ASCII)
      return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString().length;
  return to - from;
}
