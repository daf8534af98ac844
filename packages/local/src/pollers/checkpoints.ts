// Where each shard's reader got to, so a run with a data directory resumes instead of re-reading the stream.

import { readFileSync } from "node:fs";
import { writeWholeFile } from "../files/whole-file";

/** The positions a checkpoint file holds: a sequence number (decimal digits) per shard id. */
function positionsIn(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text);
  const valid =
    typeof parsed === "object" &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((position) => typeof position === "string" && /^\d+$/.test(position));
  if (!valid) throw new Error("not an object of shard ids to sequence numbers");
  return parsed as Record<string, string>;
}

/**
 * The last processed sequence number per shard, in memory and (given a file) on disk.
 *
 * @example
 * const checkpoints = new Checkpoints(".local/data/kinesis-checkpoints.json");
 * if (checkpoints.unreadable) console.warn(checkpoints.unreadable); // every shard starts at its oldest record
 * checkpoints.save("shardId-000000000000", "4968...");
 */
export class Checkpoints {
  private readonly positions: Record<string, string>;
  /**
   * Why the file could not be read, when it exists but holds no positions (cut short by a crash while an
   * older version wrote it in place, or edited by hand): the shards then start at their oldest record (or
   * at `known`), and the handlers, idempotent, store nothing twice. Undefined when read, or absent.
   */
  readonly unreadable?: string;
  /** Whether the last save could not write the file (its refusal said, and not again until one writes it). */
  private refused = false;

  /**
   * @param file keep the positions in this JSON file (read at start, replaced whole on every save).
   * @param onSave told about every saved position (the runtime tells the parent, which waits on them).
   * @param known positions already processed (what a runtime that stopped had reached), under the file's.
   * @param onFileRefused told once when a save cannot write the file (why), and once (undefined) when a
   *   later save writes it again. The position is kept and told (`onSave`) all the same.
   */
  constructor(
    private readonly file?: string,
    private readonly onSave?: (shardId: string, sequenceNumber: string) => void,
    known: Record<string, string> = {},
    private readonly onFileRefused?: (why: string | undefined) => void,
  ) {
    this.positions = { ...known };
    if (!file) return;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      // No file yet (a first run): every shard starts at its oldest record.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      this.unreadable = `${file} could not be read (${(error as Error).message})`;
      return;
    }
    try {
      Object.assign(this.positions, positionsIn(text));
    } catch (error) {
      const what = text.length === 0 ? "is empty" : `is not valid (${(error as Error).message})`;
      this.unreadable = `${file} ${what}`;
    }
  }

  /** The last processed sequence number of a shard, if any. */
  get(shardId: string): string | undefined {
    return this.positions[shardId];
  }

  /**
   * Record that a shard has been processed up to `sequenceNumber`. A file that cannot be written does not
   * fail the batch, which was processed: the position is kept here and told to `onSave` (the parent, which
   * gives it to a restarted runtime), and only a new system reads the batch again, from the file's older
   * positions (stored once, not twice).
   */
  save(shardId: string, sequenceNumber: string): void {
    this.positions[shardId] = sequenceNumber;
    if (this.file) this.write(this.file);
    this.onSave?.(shardId, sequenceNumber);
  }

  private write(file: string): void {
    try {
      writeWholeFile(file, JSON.stringify(this.positions, null, 2));
    } catch (error) {
      if (!this.refused) this.onFileRefused?.((error as Error).message);
      this.refused = true;
      return;
    }
    if (this.refused) this.onFileRefused?.(undefined);
    this.refused = false;
  }
}
