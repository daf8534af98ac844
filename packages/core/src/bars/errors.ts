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

  constructor(message: string, row?: number) {
    super(row === undefined ? message : `row ${row}: ${message}`);
    this.name = "BarsError";
    this.row = row;
  }
}
