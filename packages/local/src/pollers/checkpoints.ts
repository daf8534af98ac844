// Where each shard's reader got to, so a run with a data directory resumes instead of re-reading the stream.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The last processed sequence number per shard, in memory and (given a file) on disk.
 *
 * @example
 * const checkpoints = new Checkpoints(".local/data/kinesis-checkpoints.json");
 * checkpoints.save("shardId-000000000000", "4968...");
 */
export class Checkpoints {
  private readonly positions: Record<string, string>;

  /**
   * @param file keep the positions in this JSON file (read at start, written on every save).
   * @param onSave told about every saved position (the runtime tells the parent, which waits on them).
   * @param known positions already processed (what a runtime that stopped had reached), under the file's.
   */
  constructor(
    private readonly file?: string,
    private readonly onSave?: (shardId: string, sequenceNumber: string) => void,
    known: Record<string, string> = {},
  ) {
    this.positions = { ...known };
    if (file) {
      try {
        Object.assign(this.positions, JSON.parse(readFileSync(file, "utf8")));
      } catch {
        // No file yet (a first run): every shard starts at its oldest record.
      }
    }
  }

  /** The last processed sequence number of a shard, if any. */
  get(shardId: string): string | undefined {
    return this.positions[shardId];
  }

  /** Record that a shard has been processed up to `sequenceNumber`. */
  save(shardId: string, sequenceNumber: string): void {
    this.positions[shardId] = sequenceNumber;
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify(this.positions, null, 2));
    }
    this.onSave?.(shardId, sequenceNumber);
  }
}
