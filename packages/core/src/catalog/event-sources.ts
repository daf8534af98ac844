// The market-data stream and what each function is triggered by: shared by infra's mappings and the local
// pollers.

export const STREAM = {
  name: "MarketDataStream",
  retentionHours: 24,
  /** Shards for emulators that need a count; AWS runs the stream ON_DEMAND. */
  localShardCount: 2,
} as const;

/** Event-source settings. */
export const EVENT_SOURCES = {
  KinesisConsumer: {
    /**
     * Records per invocation: a symbol's window is read and written once per batch whatever the number of
     * its bars in it, so larger batches cut the DynamoDB work per bar (docs/capacity.md). AWS takes 1 to
     * 10,000 for a Kinesis mapping; 2,500 records are about 1.5 MB of the 6 MB payload.
     */
    batchSize: 2500,
    /**
     * Where the mapping starts reading a shard it has no position on (its first deploy, a mapping put back):
     * the oldest record the stream keeps. LATEST skipped every bar put before the mapping was enabled, such
     * as a feed's first minutes after a first deploy; read again, a bar changes nothing (DuplicateBars).
     */
    startingPosition: "TRIM_HORIZON",
    maxBatchingWindowSeconds: 5,
    bisectOnError: true,
    maxRetries: 3,
    /**
     * Batches processed at once per shard (1 to 10); Lambda keeps each partition key's (symbol's) records
     * in order. 8,000 symbols at 1-second bars need about 17 concurrent invocations at one vCPU, so 3 per
     * shard while on-demand holds 8 shards (docs/capacity.md); the local pollers run one batch per shard at
     * a time.
     */
    parallelizationFactor: 3,
    /** The set-aside queue Lambda describes each batch on once its retries are used up. */
    onFailure: "MarketDataFailures",
  },
  AlertProcessor: { queue: "AlertQueue", batchSize: 10 },
  ApprovalProcessor: { queue: "PendingApprovals", batchSize: 10 },
  ThresholdChecker: { scheduleMinutes: 5 },
} as const;
