// What a command may touch (files, standard streams, threads) and how it refuses input: passed in, so tests
// need no process.

import type { ByteSource, PositionalSource } from "./bars";
import type { ScanRunner } from "./commands/scan/runner";
import type { CountRunner } from "./commands/stats/counted-file";
import type { Interruption } from "./interruption";
import { shown } from "./shown";

export interface CliIo {
  /** Reads a file's bytes, or standard input's for "-". */
  read(file: string): Promise<Uint8Array>;
  /**
   * Opens a file (not "-") to be read in order a piece at a time (or at any position, for a part of it),
   * gives it to `use`, closes it: a file the column reader takes is then never held whole. Undefined for a
   * file that is not a regular one (a pipe, a device: `read` reads it whole, once). Throws the file
   * system's error (with its code).
   */
  withFile?<T>(file: string, use: (source: ByteSource & PositionalSource) => T): T | undefined;
  /** A directory's entries that are not directories, or undefined when `path` is not a directory. */
  list(path: string): Promise<DirectoryEntries | undefined>;
  /**
   * `path` with its links resolved, or undefined when nothing is there (nor can be resolved): a path not
   * there is then named as its read fails, before its name is judged as a symbol. Absent, every path is
   * taken to be there, as itself.
   */
  realPath?(path: string): string | undefined;
  /**
   * Prints to standard output; true when the bytes are written by the time it returns, so their memory
   * may be written into again; anything else when that is not known.
   */
  stdout(text: string | Uint8Array): unknown;
  stderr(text: string): void;
  /**
   * Told when an input is refused (named on stderr), so that a run its reader ends early (`| head`: EPIPE)
   * still exits with status 2, as it would have at its end.
   */
  inputRefused?(): void;
  /**
   * The signal that asks the run to stop (Ctrl-C, a kill), when the process listens for one: a command then
   * takes no new input and returns its status (interruption.ts).
   */
  interruption?: Interruption;
  /** True when stderr is a terminal (a person watching), so progress may be shown there. */
  stderrIsTerminal?: boolean;
  /**
   * Before a large file is read whole into memory: restarts the process with the same command where that
   * gives it huge pages (huge-pages.ts), and then does not return; false when it does not restart.
   */
  restartWithHugePages?(): boolean;
  /**
   * Worker threads, when the process can start them: the cores to use, a scan runner over `count` (and
   * stats' runner), and a file's size in bytes (undefined when it is not a file), which says whether to
   * cut it into parts.
   */
  workers?: {
    cores: number;
    runner(count: number): ScanRunner;
    /** A runner of `patterns stats` over `count` threads: each counts the files it takes. */
    counter?(count: number): CountRunner;
    size(file: string): Promise<number | undefined>;
    /**
     * Reads `into.length` bytes of `file` from byte `position` on into `into` (shared memory) in a thread
     * of its own: true once all are read, false when they were not; undefined when they are too few to pay
     * for a thread's start. The caller reads them itself when it is not true.
     */
    readInThread?(file: string, into: Uint8Array, position: number): Promise<boolean> | undefined;
  };
}

/** A directory's entries by what reading them does (its sub-directories are in neither). */
export interface DirectoryEntries {
  /** The names of its files: regular files, links to one, and links to nothing (their read says so). */
  files: string[];
  /**
   * The names of what is there but no regular file (a FIFO, a socket, a device, or a link to one): a read of
   * one may wait for ever (a FIFO no process writes hung `scan DIR` with no output), so it is set aside.
   */
  others?: string[];
  /**
   * The names among `files` that are links: each one's real path is asked (CliIo.realPath), where any other
   * file's is its directory's and its name, so a link to a file given too is that file, given twice.
   */
  links?: string[];
}

/** A problem the user can fix (usage or input): reported on one line, exit status 2. */
export class UsageError extends Error {}

/** An option the command does not take: run.ts adds the one meant when it is a near miss of one it takes. */
export class UnknownOption extends UsageError {
  constructor(readonly option: string) {
    super(`unknown option ${shown(option)}`);
  }
}
