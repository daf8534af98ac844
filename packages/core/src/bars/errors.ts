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
