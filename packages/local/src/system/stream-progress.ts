// How far the stream's consumer has got: what was put on each shard, and what has been processed.

/** A record's place on the stream. */
export interface StreamPosition {
  shardId: string;
  sequenceNumber: string;
}

/**
 * Tracks the newest record put on each shard and the consumer's checkpoint on each shard, so a caller
 * can wait until records are processed (delivered to the consumer, or set aside after its retries).
 *
 * @example
 * progress.put([{ shardId, sequenceNumber }]);
 * await progress.reached(progress.latestPuts());
 */
export class StreamProgress {
  private readonly processed = new Map<string, bigint>();
  private readonly written = new Map<string, bigint>();
  private waiters: { positions: readonly StreamPosition[]; resolve(): void }[] = [];

  /** Records put on the stream (the highest per shard is kept). */
  put(positions: readonly StreamPosition[]): void {
    for (const { shardId, sequenceNumber } of positions) {
      const sequence = BigInt(sequenceNumber);
      if (sequence > (this.written.get(shardId) ?? -1n)) this.written.set(shardId, sequence);
    }
  }

  /** The consumer checkpointed `shardId` at `sequenceNumber`. */
  checkpointed(shardId: string, sequenceNumber: string): void {
    this.processed.set(shardId, BigInt(sequenceNumber));
    this.waiters = this.waiters.filter((waiter) => {
      if (!this.hasReached(waiter.positions)) return true;
      waiter.resolve();
      return false;
    });
  }

  /** The newest position put on each shard so far. */
  latestPuts(): StreamPosition[] {
    return [...this.written].map(([shardId, sequence]) => ({ shardId, sequenceNumber: sequence.toString() }));
  }

  /** The consumer's checkpoint on each shard so far. */
  processedPositions(): StreamPosition[] {
    return [...this.processed].map(([shardId, sequence]) => ({
      shardId,
      sequenceNumber: sequence.toString(),
    }));
  }

  /** Resolves once every position is processed. */
  reached(positions: readonly StreamPosition[]): Promise<void> {
    if (this.hasReached(positions)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ positions, resolve }));
  }

  private hasReached(positions: readonly StreamPosition[]): boolean {
    return positions.every(
      ({ shardId, sequenceNumber }) => (this.processed.get(shardId) ?? -1n) >= BigInt(sequenceNumber),
    );
  }
}
