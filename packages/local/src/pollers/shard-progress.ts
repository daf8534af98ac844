// How far a shard is processed when its records go out in several lanes at once (the mapping's
// parallelization factor): batches of different lanes finish out of order, and the shard's checkpoint may
// move only past records that are all processed, so a reader started again from it misses none.

/**
 * A shard's records in the order read, and the longest run of them from the start that is processed.
 *
 * @example
 * const progress = new ShardProgress();
 * progress.read("1"); progress.read("2");
 * progress.processed(["2"]) // undefined: "1" is not processed yet
 * progress.processed(["1"]) // "2": every record up to "2" is
 */
export class ShardProgress {
  /** Sequence numbers in the order read, from `start` on not yet passed by the checkpoint. */
  private order: string[] = [];
  private start = 0;
  private readonly done = new Set<string>();

  /** A record read from the shard, to be processed in some lane. */
  read(sequenceNumber: string): void {
    this.order.push(sequenceNumber);
  }

  /**
   * Marks records processed (a batch delivered, or set aside); answers the new checkpoint, the last of
   * the records now processed from the start without a gap, or undefined when that run did not grow.
   */
  processed(sequenceNumbers: readonly string[]): string | undefined {
    for (const sequenceNumber of sequenceNumbers) this.done.add(sequenceNumber);
    let checkpoint: string | undefined;
    while (this.start < this.order.length) {
      const next = this.order[this.start] as string;
      if (!this.done.delete(next)) break;
      checkpoint = next;
      this.start++;
    }
    // The passed part goes once it is as long as what is left, so the list stays about the size read ahead.
    if (this.start > 0 && this.start >= this.order.length - this.start) {
      this.order = this.order.slice(this.start);
      this.start = 0;
    }
    return checkpoint;
  }

  /** Forgets every record read (the reader starts again from its checkpoint). */
  clear(): void {
    this.order = [];
    this.start = 0;
    this.done.clear();
  }
}
