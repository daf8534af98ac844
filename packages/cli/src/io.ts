// What a command may touch (files, standard streams) and how it refuses input: passed in, so tests need no process.

export interface CliIo {
  /** Reads a file's text, or standard input for "-". */
  read(file: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A problem the user can fix (usage or input): reported on one line, exit status 2. */
export class UsageError extends Error {}
