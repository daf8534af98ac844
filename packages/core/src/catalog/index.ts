// The system's resources described once: infra declares them on AWS, the local system creates them
// in the emulators, and the repositories read key names from here. Pure data, no AWS imports.

export { ALERT_FEED_SHARDS, alertFeedShard, feedValues, shardedFeed } from "./alert-feeds";

/** A DynamoDB table: keys, secondary indexes and TTL attribute. All tables are on-demand. */
export interface TableSpec {
  partitionKey: string;
  sortKey?: string;
  /** Attributes used by keys, with their DynamoDB scalar type. */
  attributes: Record<string, "S" | "N">;
  /** Global secondary indexes. */
  indexes?: IndexSpec[];
  ttlAttribute?: string;
}

/**
 * A global secondary index: its keys, and what an entry holds besides the table's and its own keys: every
 * attribute (neither `keysOnly` nor `include`), none (`keysOnly`), or the `include` list. An update that
 * changes none of the index's keys or projected attributes writes nothing to it.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html (Attribute projections)
 */
export type IndexSpec = { name: string; partitionKey: string; sortKey?: string } & (
  | { keysOnly?: boolean; include?: never }
  | { include: readonly string[]; keysOnly?: never }
);

/**
 * An index's projection in DynamoDB's terms (CreateTable's Projection).
 *
 * @example
 * projectionOf({ name: "bySymbol", partitionKey: "symbol", include: ["status"] })
 * // { type: "INCLUDE", nonKeyAttributes: ["status"] }
 */
export function projectionOf(index: IndexSpec): {
  type: "ALL" | "KEYS_ONLY" | "INCLUDE";
  nonKeyAttributes?: readonly string[];
} {
  if (index.include) return { type: "INCLUDE", nonKeyAttributes: index.include };
  return { type: index.keysOnly ? "KEYS_ONLY" : "ALL" };
}

/** An SQS queue with its dead-letter queue. */
export interface QueueSpec {
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  deadLetterRetentionSeconds: number;
}

/** A queue where records are set aside for people to read; nothing consumes it, so it has no DLQ. */
export interface SetAsideQueueSpec {
  retentionSeconds: number;
  /** The queue's MaximumMessageSize: SQS refuses a longer message, so a longer record goes in parts. */
  maxMessageBytes: number;
}

/**
 * SQS's largest message, and its largest SendMessageBatch (all entries together): 1 MiB.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
 */
export const SQS_MESSAGE_LIMIT_BYTES = 1_048_576;

const DAY = 86_400;

export const TABLES = {
  /** Every stored detection. `patternId` is deterministic (symbol, interval, code, end, detectedAt). */
  TradingPatterns: {
    partitionKey: "patternId",
    sortKey: "timestamp",
    attributes: { patternId: "S", timestamp: "S", symbol: "S" },
    indexes: [{ name: "bySymbol", partitionKey: "symbol", sortKey: "timestamp" }],
    /** Written only when a stage keeps detections for RECORD_RETENTION, once the outcome is settled. */
    ttlAttribute: "expiresAtEpoch",
  },
  /**
   * Alerts raised from detections and thresholds; `alertId` is deterministic. `unfinishedByCreatedAt` is
   * sparse and keys only: an alert carries `unfinishedFeed` from its put until the sweep has seen it
   * finished, so the 5-minute sweep reads the alerts it may have to heal, not the day of alerts behind it
   * (docs/capacity.md). `bySymbol` holds every alert under its symbol, so `GET /alerts?symbol=` reads that
   * symbol's alerts, not the feed of every symbol; it projects only what that listing filters on (status,
   * severity), so most of an alert's updates write nothing to it, and the page's alerts are then read from
   * the table. Both feeds are written under ALERT_FEED_SHARDS key values each (alert-feeds.ts).
   */
  Alerts: {
    partitionKey: "alertId",
    attributes: { alertId: "S", feed: "S", createdAt: "S", unfinishedFeed: "S", symbol: "S" },
    indexes: [
      { name: "byCreatedAt", partitionKey: "feed", sortKey: "createdAt" },
      { name: "unfinishedByCreatedAt", partitionKey: "unfinishedFeed", sortKey: "createdAt", keysOnly: true },
      { name: "bySymbol", partitionKey: "symbol", sortKey: "createdAt", include: ["status", "severity"] },
    ],
    /** Written only when a stage keeps records for RECORD_RETENTION, by the write that finishes an alert. */
    ttlAttribute: "expiresAtEpoch",
  },
  /**
   * CRITICAL alerts waiting for a human; keyed by the SHA-256 of the approval token. `openByDeadline` is
   * sparse: only an open (PENDING) approval carries `openFeed`, removed at its close, so the sweep and the
   * PENDING list read open approvals by deadline, not the 400 days of closed ones (docs/capacity.md).
   */
  ApprovalTracking: {
    partitionKey: "tokenHash",
    attributes: { tokenHash: "S", alertId: "S", openFeed: "S", deadlineEpoch: "N" },
    indexes: [
      { name: "byAlert", partitionKey: "alertId" },
      { name: "openByDeadline", partitionKey: "openFeed", sortKey: "deadlineEpoch" },
    ],
    ttlAttribute: "expiresAtEpoch",
  },
  /** Each symbol's rolling window of recent bars, with an optimistic version. */
  SymbolWindows: {
    partitionKey: "symbolInterval",
    attributes: { symbolInterval: "S" },
  },
  /**
   * The stream's running evidence tally of a series at a batch's last bar (`series` = seriesKey, `asOf` =
   * that bar's ISO UTC time), so GET /stats can answer as of a past time; and, under `series` =
   * `*#<interval>`, the tally pooled over every series of an interval, written on the 5-minute schedule
   * (`asOf` = when it was pooled), and under `@#<interval>` the symbols it pooled. Every item expires
   * (EVIDENCE_RETENTION).
   */
  EvidenceSnapshots: {
    partitionKey: "series",
    sortKey: "asOf",
    attributes: { series: "S", asOf: "S" },
    ttlAttribute: "expiresAtEpoch",
  },
} as const satisfies Record<string, TableSpec>;

/**
 * How long EvidenceSnapshots items are kept after they are written, through the table's TTL attribute
 * (epoch seconds; DynamoDB deletes an item some time after it, typically within two days, and an
 * expired item still read is treated as gone:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
 * A series' snapshots: 90 days, so GET /stats answers as of any time in the last 90 days (docs/capacity.md
 * prices it at 8,000 symbols). The pooled tallies and lists of series: a day (only the newest is read).
 */
export const EVIDENCE_RETENTION = {
  seriesSeconds: 90 * DAY,
  pooledSeconds: DAY,
} as const;

/** Approval tokens expire after this long: an approval's decision deadline is its request plus this. */
export const APPROVAL_TTL_SECONDS = 3600;

/**
 * The longest SQS keeps a received message out of sight, counted from its receive (a visibility timeout,
 * or ChangeMessageVisibility's): 12 hours.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
 */
export const SQS_MAX_VISIBILITY_SECONDS = 43_200;

/** Tries a queue's consumer gets at a message before SQS moves it to the dead-letter queue. */
const ATTEMPTS = 3;

/**
 * The most receives of a PendingApprovals message that only put it off: the ApprovalProcessor hides a
 * message whose approval is not due yet until its expiry (ChangeMessageVisibility) and reports it failed,
 * and SQS counts that receive towards maxReceiveCount as any other (ReceiveMessage's
 * ApproximateReceiveCount, "the number of times a message has been received", and the DLQ's
 * maxReceiveCount: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 * The message is sent with no delay as the approval is made, so its first receive comes up to
 * APPROVAL_TTL_SECONDS before the expiry, and each deferral hides it up to SQS_MAX_VISIBILITY_SECONDS:
 * ceil(3,600 / 43,200) = 1. A receive after the expiry is a real try.
 */
export const APPROVAL_DEFERRALS = Math.ceil(APPROVAL_TTL_SECONDS / SQS_MAX_VISIBILITY_SECONDS);

export const QUEUES = {
  AlertQueue: {
    visibilityTimeoutSeconds: 300,
    retentionSeconds: 4 * DAY,
    maxReceiveCount: ATTEMPTS,
    deadLetterRetentionSeconds: 14 * DAY,
  },
  PendingApprovals: {
    visibilityTimeoutSeconds: 2 * 3600,
    retentionSeconds: 4 * DAY,
    // A due approval gets AlertQueue's tries at its expiry, beside the receive that deferred it (4 in all).
    maxReceiveCount: ATTEMPTS + APPROVAL_DEFERRALS,
    deadLetterRetentionSeconds: 14 * DAY,
  },
} as const satisfies Record<string, QueueSpec>;

/**
 * How long an approval is kept once it is closed (decided, expired or superseded): who approved or
 * rejected it, when, and the comment are the desk's audit trail, so 400 days lets a yearly review of
 * the last twelve months find every decision, with a month to spare. Kept through ApprovalTracking's TTL
 * attribute (`expiresAtEpoch`), which the close rewrites to its time plus this: TTL deletes an item only
 * once that epoch is past, so a later value puts the deletion off, and the table itself is unchanged
 * (changing its TTL attribute is an UpdateTimeToLive, one per table an hour, taking up to an hour:
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html).
 */
export const APPROVAL_AUDIT_RETENTION_SECONDS = 400 * DAY;

/**
 * How long an approval nobody closed is kept past its deadline before TTL may delete it: as long as its
 * PendingApprovals message can still be redriven from the dead-letter queue (which keeps it 14 days from
 * the send, the request), so a redriven watch, or the sweep, still finds it to mark EXPIRED. Then it is
 * kept APPROVAL_AUDIT_RETENTION_SECONDS from that.
 */
export const APPROVAL_OPEN_RETENTION_SECONDS = QUEUES.PendingApprovals.deadLetterRetentionSeconds;

export const SET_ASIDE_QUEUES = {
  /**
   * Market-data records the KinesisConsumer could not read, each kept whole (raw data, position on
   * the stream, reason), long after the stream's own retention, for inspection and replay.
   */
  RejectedMarketData: {
    retentionSeconds: 14 * DAY,
    // Under SQS's 1 MiB: the Pulumi AWS provider SST deploys with (6.66) accepts at most 256 KiB and
    // makes every queue with that when none is given, so this is the queue as deployed, said once.
    maxMessageBytes: 262_144,
  },
  /**
   * The KinesisConsumer mapping's on-failure destination: for each batch still failing after its retries,
   * Lambda sends a description of it (shard, first and last sequence numbers, size), not its records;
   * they stay readable on the stream for its retention.
   * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
   */
  MarketDataFailures: {
    retentionSeconds: 14 * DAY,
    maxMessageBytes: 262_144,
  },
} as const satisfies Record<string, SetAsideQueueSpec>;

/**
 * A catalog queue's dead-letter queue: `<queue>DLQ`, on AWS (its SST component) and in the emulators.
 * @example
 * deadLetterQueueName("AlertQueue") // "AlertQueueDLQ"
 */
export function deadLetterQueueName<Q extends QueueName>(queue: Q): `${Q}DLQ` {
  return `${queue}DLQ`;
}

/** The output key of a queue's URL: its name and `Url`, with `Queue` between unless the name says it already. */
type QueueUrlOutput<Q extends string> = Q extends `${string}Queue` | `${string}DLQ`
  ? `${Q}Url`
  : `${Q}QueueUrl`;

function queueUrlOutput<Q extends OutputQueueName>(queue: Q): QueueUrlOutput<Q> {
  return (/(Queue|DLQ)$/.test(queue) ? `${queue}Url` : `${queue}QueueUrl`) as QueueUrlOutput<Q>;
}

const queueNames = Object.keys(QUEUES) as QueueName[];

/** Every queue an operator reads or redrives: the catalog's queues, their dead-letter queues, the set-aside queues. */
export type OutputQueueName = QueueName | `${QueueName}DLQ` | SetAsideQueueName;

/**
 * The key under which each queue's URL is given, the same in a stage's outputs (`sst deploy`'s
 * .sst/outputs.json) and in the local system's .local/outputs.json: AlertQueueUrl, AlertQueueDLQUrl,
 * PendingApprovalsQueueUrl, PendingApprovalsDLQUrl, RejectedMarketDataQueueUrl, MarketDataFailuresQueueUrl.
 */
export const QUEUE_URL_OUTPUTS = Object.fromEntries(
  [...queueNames, ...queueNames.map(deadLetterQueueName), ...Object.keys(SET_ASIDE_QUEUES)].map((queue) => [
    queue,
    queueUrlOutput(queue as OutputQueueName),
  ]),
) as { [Q in OutputQueueName]: QueueUrlOutput<Q> };
export type QueueUrlOutputKey = (typeof QUEUE_URL_OUTPUTS)[OutputQueueName];

export const TOPICS = ["TradingAlerts", "AlertApprovalRequests"] as const;

export const STREAM = {
  name: "MarketDataStream",
  retentionHours: 24,
  /** Shards for emulators that need a count; AWS runs the stream ON_DEMAND. */
  localShardCount: 2,
} as const;

/** Event-source settings, shared by infra's mappings and the local pollers. */
export const EVENT_SOURCES = {
  KinesisConsumer: {
    /**
     * Records per invocation: a symbol's window is read and written once per batch whatever the number of
     * its bars in it, so larger batches cut the DynamoDB work per bar (docs/capacity.md). AWS takes 1 to
     * 10,000 for a Kinesis mapping; 2,500 records are about 1.5 MB of the 6 MB payload.
     */
    batchSize: 2500,
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

/**
 * Each function's timeout in seconds: infra deploys it and the local runtime enforces it, so a handler that
 * overruns fails here as it would on AWS (Lambda stops an invocation at its timeout and reports it as a
 * function error: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html).
 */
export const FUNCTION_TIMEOUT_SECONDS = {
  KinesisConsumer: 60,
  // At most a sixth of AlertQueue's visibility timeout (300 s): AWS asks for a visibility timeout of at
  // least six times the consuming function's, so Lambda can retry a throttled batch before its messages
  // come back (and count towards the 3 receives before the DLQ).
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-lambda-function-trigger.html
  AlertProcessor: Math.floor(QUEUES.AlertQueue.visibilityTimeoutSeconds / 6),
  ApprovalProcessor: 60,
  ThresholdChecker: 60,
  PatternDetector: 60,
  /** API Gateway's integration timeout (29 s), which the Api function matches. */
  Api: 29,
} as const;

/**
 * The longest an operator may set a recovery timing (the sweep's look-back, SWEEP_LOOKBACK_SECONDS, among
 * them): the functions' configuration refuses more.
 */
export const RECOVERY_TIMING_MAX_SECONDS = 30 * DAY;

/**
 * The windows in which work still in flight may read a detection whose outcome is settled, each in
 * seconds from its alert's raise, which comes before the settling write (the stream raises it in the batch
 * that stores the detection) or seconds after it (an analysis stores, then decides in its next step; the
 * reads of in-flight work do not pass over an expired item, and TTL deletes one only days after):
 * - an approval waits its hour, then its PendingApprovals message may be redriven from the dead-letter
 *   queue until it is dropped; once decided, the alert is published and its catch-up reads the
 *   detection's outcome (tellPastEvents);
 * - an AlertQueue message, and so an alert's publication and catch-up, may come back from its dead-letter
 *   queue until it is dropped;
 * - a set-aside market-data record may be put back on the stream while it is kept: a detection deleted
 *   before would be stored again as new;
 * - the sweep reads the alerts of its look-back and their detections' outcomes (24 hours deployed, an
 *   operator may lengthen it to RECOVERY_TIMING_MAX_SECONDS).
 * Nothing else reads a settled detection but people: the stream's window follows only open outcomes (the
 * ThresholdChecker reads the detections among the window's bars: the expiry adds those bars, at the
 * detection's interval, BARS_IN_WINDOW_AFTER_SETTLED), and every evidence tally (the window's running one, EvidenceSnapshots, the pooled one) is counted as the
 * bars pass, never from stored detections.
 */
const IN_FLIGHT_SECONDS = [
  APPROVAL_TTL_SECONDS + APPROVAL_OPEN_RETENTION_SECONDS,
  ...Object.values(QUEUES).map((queue) => queue.deadLetterRetentionSeconds),
  ...Object.values(SET_ASIDE_QUEUES).map((queue) => queue.retentionSeconds),
  RECOVERY_TIMING_MAX_SECONDS,
];

/**
 * The retention setting: `RECORD_RETENTION_DAYS`, the days a detection is kept after the write that
 * settled its outcome (status decided and every forward return known: nothing can change it after), when
 * TTL may delete it. Unset, every detection is kept, as before. The clock starts at the settling write,
 * not at the detection: an outcome is decided up to MAX_OPEN_AGE (70) bars after the detection, which at
 * the largest interval the contracts take (999mo) is thousands of years, so no fixed number of days from
 * the detection could be safe; a detection whose outcome stays open (its series stopped) is kept.
 * The same setting keeps an alert that long after the write that finishes it (nothing more told or
 * decided: the functions' alerts/retention.ts), one that waited on an approver at least
 * APPROVAL_AUDIT_RETENTION_SECONDS; the windows above bound what in-flight work reads of alerts too, each
 * counted from before the finishing write (the alert's raise, its send, its creation for the sweep).
 */
export const RECORD_RETENTION = {
  variable: "RECORD_RETENTION_DAYS",
  minimumDays: Math.ceil(Math.max(...IN_FLIGHT_SECONDS) / DAY),
} as const;

/**
 * The retention in days from a setting (text from the environment, or a number from infra), undefined when
 * unset or empty; throws an Error naming RECORD_RETENTION_DAYS when it is not a whole number of days at
 * or above RECORD_RETENTION.minimumDays.
 *
 * @example
 * recordRetentionDays("90") // 90
 * recordRetentionDays(undefined) // undefined: keep everything
 * recordRetentionDays("7") // throws: 7 days is below the least retention, 30 days
 */
export function recordRetentionDays(setting: string | number | undefined): number | undefined {
  const text = String(setting ?? "").trim();
  if (text === "") return undefined;
  const { variable, minimumDays } = RECORD_RETENTION;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(
      `${variable}: "${text}" is not a whole number of days (unset it to keep every detection)`,
    );
  const days = Number(text);
  if (days < minimumDays)
    throw new Error(
      `${variable}: ${days} days is below the least retention, ${minimumDays} days: a settled detection may ` +
        "still be read that long by an approval's or a dead-lettered alert's catch-up, a put-back market-data " +
        "record or the sweep's longest look-back",
    );
  return days;
}

/**
 * The TTL value (epoch seconds) of a detection settled by a write at `now`, kept `days`.
 *
 * @example
 * recordExpiry(new Date("2026-01-01T00:00:00Z"), 30) // 1769904000
 */
export const recordExpiry = (now: Date, days: number): number =>
  Math.floor(now.getTime() / 1000) + days * DAY;

export type TableName = keyof typeof TABLES;
export type QueueName = keyof typeof QUEUES;
export type SetAsideQueueName = keyof typeof SET_ASIDE_QUEUES;
export type TopicName = (typeof TOPICS)[number];
export type FunctionName = keyof typeof FUNCTION_TIMEOUT_SECONDS;
