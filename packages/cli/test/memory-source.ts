// A file in memory as the column stream reads a file: the tests of the stream and of the row module give
// it pieces of chosen sizes, as a pipe or a slow disk gives short reads.

import type { ByteSource } from "../src/bars";

/**
 * A file in memory, given `piece` bytes at a time at most.
 *
 * @example
 * readColumnsFrom(memorySource(Buffer.from("Date,Close\n2020-01-02,10\n"), 7), { symbol: "X" })
 */
export function memorySource(file: Buffer, piece: number): ByteSource {
  let at = 0;
  return {
    size: file.length,
    read(into, offset, length) {
      const got = Math.min(length, piece, file.length - at);
      file.copy(into, offset, at, at + got);
      at += got;
      return got;
    },
  };
}
