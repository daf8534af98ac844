// Why a file could not be read, in words (the same in the main thread and in a worker).

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
