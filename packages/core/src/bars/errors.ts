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
 * A cell's text as a message quotes it: in JSON's quotes and escapes, so that a line break inside a quoted
 * CSV cell stays on the message's one line, and cut after its first QUOTED_CHARS characters (a stray quote
 * can make a cell of megabytes, all printed once on stderr).
 *
 * @example
 * quotedCell("1\n2") // '"1\\n2"'
 * quotedCell("9".repeat(50)) // '"9999999999999999999999999999999999999999"...'
 */
export function quotedCell(text: string): string {
  return text.length > QUOTED_CHARS
    ? `${JSON.stringify(text.slice(0, QUOTED_CHARS))}...`
    : JSON.stringify(text);
}
