// Why a file could not be read, or which of its rows is bad, in words (the same in the main thread and in a
// worker, for scan and for stats).

/**
 * @example
 * readFailure("spx.csv", Object.assign(new Error(), { code: "ENOENT" })) // "cannot read spx.csv: no such file"
 */
export function readFailure(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(code ?? error);
  return `cannot read ${file}: ${reason}`;
}

/**
 * A bad row's message (a BarsError's, which names the row) with the file it is in, standard input named
 * "-" as it was given.
 *
 * @example
 * badRow("spx.csv", new BarsError("close -2 is not positive", 3)) // "spx.csv: row 3: close -2 is not positive"
 */
export function badRow(file: string, error: Error): string {
  return `${file}: ${error.message}`;
}
