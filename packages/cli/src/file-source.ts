// A file open for the length of one use, read in order a piece at a time or at any position: the main
// thread's and the workers' one way to read a file without holding it whole.

import type { ByteSource, PositionalSource } from "./bars";

/**
 * Opens `file`, gives it to `use` as a source read in order (`read`) or at a position (`readAt`), closes
 * it; undefined, without opening it, when it is not a regular file. A pipe (`<(...)`, a FIFO) or a device
 * has no size to size the columns by, no positions, and gives its bytes once: its caller reads it whole
 * (its size read as 0 had the column reader lay out room for no bars and print garbage). Throws the file
 * system's error (with its code). node:fs is taken as Node's own object: an ES import of it loads
 * fs/promises and its stream modules (see main.ts).
 *
 * @example
 * withFileSource("spx.csv", (source) => source.size)
 */
export function withFileSource<T>(
  file: string,
  use: (source: ByteSource & PositionalSource) => T,
): T | undefined {
  const { closeSync, fstatSync, openSync, readSync, statSync } = process.getBuiltinModule(
    "node:fs",
  ) as typeof import("node:fs");
  // Stat'ed by its name: opening a FIFO to look at it and closing it would leave its writer without a reader.
  if (!statSync(file).isFile()) return undefined;
  const fd = openSync(file, "r");
  try {
    return use({
      size: fstatSync(fd).size,
      read: (into, at, length) => readSync(fd, into, at, length, null),
      readAt: (into, at, length, position) => readSync(fd, into, at, length, position),
    });
  } finally {
    closeSync(fd);
  }
}
