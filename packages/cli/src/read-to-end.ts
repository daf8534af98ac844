// Standard input, a pipe or a device given as a FILE (`<(...)`, a FIFO, /dev/stdin) read whole, as a stream
// read through the event loop: a stop signal is heard while the read waits, and an input with no end
// (/dev/zero, `yes |`) is refused past a bound instead of growing the process until the system kills it.

/**
 * The most bytes read whole from a pipe or a device: Node's own bound on a file read whole (readFileSync
 * refuses a longer one, ERR_FS_FILE_TOO_LARGE), which a regular file given as a FILE meets the same way.
 */
export const PIPED_MAX_BYTES = 2 ** 31 - 1;

/**
 * Every byte of `input` to its end; rejects, once more than `most` came, with a file system error (EFBIG,
 * "file too large") whose words a read failure shows: `cannot read -: it goes on past 2 GiB (...): ...`.
 *
 * @example
 * await readToEnd(process.stdin) // standard input's bytes
 * await readToEnd(createReadStream("/dev/zero")) // rejects: EFBIG, past 2 GiB
 */
export async function readToEnd(
  input: AsyncIterable<Uint8Array>,
  most = PIPED_MAX_BYTES,
): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (the throw) destroys the stream: a device or a FIFO is closed at once.
  for await (const piece of input) {
    size += piece.byteLength;
    if (size > most) throw tooLong(most);
    pieces.push(piece);
  }
  return Buffer.concat(pieces, size);
}

/**
 * The error of an input longer than `most` bytes, in the words of a file system error's message (no comma
 * before its last: a read failure shows the words up to the first).
 */
function tooLong(most: number): NodeJS.ErrnoException {
  const bound = most >= 2 ** 30 ? `${Math.round(most / 2 ** 30)} GiB` : `${most} bytes`;
  return Object.assign(
    new Error(
      `EFBIG: it goes on past ${bound} (the most read whole from a pipe or a device): save it as a file or as a folder of a file per symbol, read`,
    ),
    { code: "EFBIG" },
  );
}
