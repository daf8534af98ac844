// A series' table rows written into bytes as the scan finds the detections, BATCH at a time, as the JSON
// Lines and CSV writers write theirs: the table is printed only once every series is scanned (its columns
// are as wide as their widest cell in any series), and rows held as arrays of strings until then cost
// more than the scan (300,000 bars, 51,590 rows: 695 ms and 130 MB, JSON Lines 320 ms and 70 MB).
// A row holds what differs from row to row, each text cell after its length in bytes:
//
//   code (1 byte: PATTERN_CODES index) | status (1 byte: OUTCOME_STATUSES index, or NO_STATUS) |
//   start | end | detectedAt | confidence [| breakout | target]   (cells: u32 length, then UTF-8 bytes)
//
// The symbol is the series', the name the code's and the status from its index: table.ts writes them.
// biome-ignore-all lint/style/noNonNullAssertion: cell indices stay below the row's cell count.

import { type Detection, PATTERN_CODES } from "@stock-patterns/core";
import { HeldLinesWriter } from "./line-chunks";
import { OUTCOME_STATUSES, outcomeCells } from "./outcomes";

/** The status byte of a row without an outcome. */
const NO_STATUS = 0xff;

/** The text cells of a row without outcomes, and with --outcomes (the status is a byte, not a cell). */
export const DETECTION_CELLS = 4;
export const OUTCOME_CELLS = 6;
/** The columns a series' `widths` measure: its text cells' and the status's, in the table's order. */
const START = 0;
const END = 1;
const DETECTED_AT = 2;
const CONFIDENCE = 3;
const STATUS = 4;
const BREAKOUT = 5;
const TARGET = 6;

/** The bytes before a cell's text: its length. */
const LENGTH_BYTES = 4;
/** The most bytes a UTF-16 code unit takes in UTF-8. */
const MOST_BYTES = 3;
const LAST_ASCII = 0x7f;

/** A code's byte in a row. */
const CODE_INDEX = new Map<string, number>(PATTERN_CODES.map((code, i) => [code, i]));

/**
 * Collects a series' table rows (see the header and HeldLinesWriter) and the widest text of each cell
 * (`widths`, in UTF-16 code units as padEnd counts them), for the table to size its columns.
 *
 * @example
 * const rows = scanColumns(series, {}, new TableRowsWriter(false));
 * rows.widths // [10, 10, 10, 2]: start, end, detectedAt, confidence
 */
export class TableRowsWriter extends HeldLinesWriter {
  readonly widths: number[];

  constructor(
    private readonly outcomes: boolean,
    keep?: (detection: Detection) => boolean,
  ) {
    // No printer: the rows wait for the whole table.
    super(keep);
    this.widths = new Array(outcomes ? TARGET + 1 : CONFIDENCE + 1).fill(0);
  }

  protected writeLine(d: Detection): void {
    const confidence = String(d.confidence);
    const [status, breakout, target] = this.outcomes ? outcomeCells(d) : [];
    let size = 2 + OUTCOME_CELLS * LENGTH_BYTES;
    size += MOST_BYTES * (d.start.length + d.end.length + d.detectedAt.length + confidence.length);
    if (breakout !== undefined && target !== undefined)
      size += MOST_BYTES * (breakout.length + target.length);
    const { lines, widths } = this;
    lines.room(size);
    const out = lines.out;
    let at = lines.at;
    out[at++] = CODE_INDEX.get(d.pattern)!;
    out[at++] = status === undefined ? NO_STATUS : statusIndex(status);
    at = writeCell(out, at, d.start, widths, START);
    at = writeCell(out, at, d.end, widths, END);
    at = writeCell(out, at, d.detectedAt, widths, DETECTED_AT);
    at = writeCell(out, at, confidence, widths, CONFIDENCE);
    if (status !== undefined && breakout !== undefined && target !== undefined) {
      if (status.length > widths[STATUS]!) widths[STATUS] = status.length;
      at = writeCell(out, at, breakout, widths, BREAKOUT);
      at = writeCell(out, at, target, widths, TARGET);
    }
    lines.at = at;
  }
}

function statusIndex(status: string): number {
  const index = (OUTCOME_STATUSES as readonly string[]).indexOf(status);
  if (index === -1) throw new Error(`an outcome status the table does not know: ${status}`);
  return index;
}

/** Writes `text` as a cell (its length, then its UTF-8 bytes) into `out` at `at`, and widens `widths[c]` to it. */
function writeCell(out: Buffer, at: number, text: string, widths: number[], c: number): number {
  if (text.length > widths[c]!) widths[c] = text.length;
  const from = at + LENGTH_BYTES;
  let to = from;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > LAST_ASCII) {
      to = from + out.write(text, from, "utf8");
      break;
    }
    out[to++] = code;
  }
  out.writeUInt32LE(to - from, at);
  return to;
}

/** One row read back: its code's and status's indices and where each of its text cells lies. */
export interface TableRow {
  code: number;
  status: number;
  /** Cell k is bytes[starts[k], ends[k]) of the chunk. */
  starts: number[];
  ends: number[];
}

/**
 * Calls `each(bytes, row)` for every row in `chunks` (written by a TableRowsWriter with `cells` text
 * cells a row), in order; `row` is reused from call to call.
 *
 * @example
 * eachTableRow(result.text, 4, (bytes, row) => console.log(PATTERN_CODES[row.code]));
 */
export function eachTableRow(
  chunks: readonly Uint8Array[],
  cells: number,
  each: (bytes: Uint8Array, row: TableRow) => void,
): void {
  const row: TableRow = {
    code: 0,
    status: 0,
    starts: new Array(cells).fill(0),
    ends: new Array(cells).fill(0),
  };
  for (const bytes of chunks) {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    while (at < bytes.length) {
      row.code = bytes[at++]!;
      row.status = bytes[at++]!;
      for (let k = 0; k < cells; k++) {
        const length = view.readUInt32LE(at);
        row.starts[k] = at + LENGTH_BYTES;
        at += LENGTH_BYTES + length;
        row.ends[k] = at;
      }
      each(bytes, row);
    }
  }
}
