// A file's bytes read four at a time, where a loop over a few dozen bytes a row is the hot part.

/** A file's bytes as four-byte words, from its first byte that lies at a multiple of 4 in memory (`first`). */
export interface Words {
  words: Int32Array;
  first: number;
}

/** `file` as Words: its whole four-byte words after its first 0 to 3 bytes. */
export function wordsOf(file: Buffer): Words {
  const first = Math.min(file.length, (4 - (file.byteOffset & 3)) & 3);
  const count = (file.length - first) >> 2;
  // No whole word (a few bytes, off a word's start): an empty array, as one may not start off a word.
  if (count === 0) return { words: new Int32Array(0), first };
  return { words: new Int32Array(file.buffer, file.byteOffset + first, count), first };
}
