// A file of the local system that the machine will not let it write: the disk full, a quota or a file size
// limit reached, a read-only or failing disk. The emulators' stores throw such a failure where nothing
// catches it (dynalite and kinesalite throw LevelDB's error in a callback), so npm start recognises it at
// the process's edge and stops in order, naming the file and what to do, instead of dying with a stack.

/**
 * The writes the machine refuses, by Node's error code: the C library's words for each (strerror, as LevelDB
 * quotes them), and ours.
 */
const REFUSALS: Partial<Record<string, { strerror: string; said: string }>> = {
  ENOSPC: { strerror: "No space left on device", said: "no space left on device" },
  EDQUOT: { strerror: "Disk quota exceeded", said: "disk quota exceeded" },
  EFBIG: { strerror: "File too large", said: "file too large for this process's limit (ulimit -f)" },
  EROFS: { strerror: "Read-only file system", said: "read-only file system" },
  EIO: { strerror: "Input/output error", said: "input/output error" },
};

/** Our words for the C library's `strerror` text when it is a refused write's. */
function refusalSaid(strerror: string): string | undefined {
  return Object.values(REFUSALS).find((refusal) => refusal?.strerror === strerror)?.said;
}

/** LevelDB's words for a file operation that failed (its Status::IOError): "IO error: FILE: REASON". */
const LEVEL_IO_ERROR = /^IO error: (.+): ([^:]+)$/;

/** A file the system needed to write (or a store to use) and could not: which, and the machine's reason. */
export class StorageFailure extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    written = true,
  ) {
    super(`cannot ${written ? "write" : "use"} ${file}: ${reason}`);
    this.name = "StorageFailure";
  }

  /**
   * `error` from writing `file` as a StorageFailure, when it is the machine refusing the write.
   *
   * @example
   * try { appendFileSync(file, line) } catch (error) { throw StorageFailure.of(file, error) ?? error }
   */
  static of(file: string, error: unknown): StorageFailure | undefined {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const refusal = code === undefined ? undefined : REFUSALS[code];
    return refusal === undefined ? undefined : new StorageFailure(file, refusal.said);
  }
}

/**
 * The StorageFailure `error` is, if it is one: thrown as one, a LevelDB IO error from an emulator's store
 * (its message names the file), or a refused write of Node's that names its path.
 *
 * @example
 * storageFailure(new Error("IO error: /d/dynamodb/000003.log: No space left on device"))?.file // "/d/dynamodb/000003.log"
 */
export function storageFailure(error: unknown): StorageFailure | undefined {
  if (error instanceof StorageFailure) return error;
  if (!(error instanceof Error)) return undefined;
  const level = LEVEL_IO_ERROR.exec(error.message);
  if (level?.[1] && level[2]) {
    const said = refusalSaid(level[2]);
    return new StorageFailure(level[1], said ?? level[2], said !== undefined);
  }
  const path = (error as NodeJS.ErrnoException).path;
  return path === undefined ? undefined : StorageFailure.of(path, error);
}

/**
 * What npm start says when it stops for `failure`: the file, the reason, and what the next start finds,
 * given the data directory it ran with (none: its tables were in memory).
 *
 * @example
 * stoppedFor(failure, ".data") // "cannot write .data/kinesis/000003.log: no space left on device. What the system …"
 */
export function stoppedFor(failure: StorageFailure, dataDir: string | undefined): string {
  if (dataDir === undefined)
    return `${failure.message}. Its tables were in memory (no --data-dir) and went with it; npm start again once the file can be written`;
  return (
    `${failure.message}. What the system acknowledged before is kept in ${dataDir}: once the file can be ` +
    "written, npm start again with the same --data-dir, and the stream is read again from its checkpoints " +
    "(the replay sends its file again; a feed sends again what the stream did not acknowledge)"
  );
}
