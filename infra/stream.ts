// Market data in: the Kinesis stream (on demand, KMS), an enhanced fan-out consumer and the
// KinesisConsumer function that keeps each symbol's window and detects patterns as bars arrive.
import { EVENT_SOURCES, STREAM } from "@stock-patterns/core/catalog";
import { tradingFunction } from "./lambda";
import { alertQueue, rejectedMarketData, setAsideQueues, tradingAlerts } from "./messaging";
import { alerts, dataKey, evidenceSnapshots, symbolWindows, tradingPatterns } from "./storage";
import { consoleUrl } from "./web";

/** The market data stream every producer writes bars to. */
export const marketData = new sst.aws.KinesisStream(STREAM.name, {
  transform: {
    stream: (args) => {
      args.streamModeDetails = { streamMode: "ON_DEMAND" };
      args.retentionPeriod = STREAM.retentionHours;
      args.encryptionType = "KMS";
      args.kmsKeyId = dataKey.arn;
    },
  },
});

/** Dedicated read throughput (enhanced fan-out) for the consumer function. */
export const streamConsumer = new aws.kinesis.StreamConsumer("MarketDataConsumer", {
  name: `${$app.stage}-pattern-detection`,
  streamArn: marketData.arn,
});

/** Batches that still fail after bisecting and retries are described here (the catalog's on-failure destination). */
export const streamFailures = setAsideQueues[EVENT_SOURCES.KinesisConsumer.onFailure];

export const kinesisConsumer = tradingFunction("KinesisConsumer", {
  handler: "packages/functions/src/handlers/kinesis-consumer.handler",
  description: "Keeps each symbol's rolling window and detects patterns as bars arrive",
  // One full vCPU: Lambda gives CPU in proportion to memory, a whole vCPU at 1,769 MB
  // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). The consumer is CPU-bound
  // (docs/capacity.md), so a batch runs about 3.5 times faster than at 512 MB for about the same GB-s.
  memory: "1769 MB",
  // EvidenceSnapshots: each series' evidence tally at a batch's last bar, for GET /stats as of a past time.
  link: [
    symbolWindows,
    tradingPatterns,
    alerts,
    alertQueue,
    rejectedMarketData,
    tradingAlerts,
    evidenceSnapshots,
  ],
  // Lifecycle messages (a published alert's breakout, resolution) link to the alert's page in the console.
  environment: { APPROVAL_BASE_URL: consoleUrl },
  permissions: [
    {
      actions: ["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"],
      resources: [streamConsumer.arn],
    },
    {
      actions: [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
      ],
      resources: [marketData.arn],
    },
    { actions: ["sqs:SendMessage"], resources: [streamFailures.arn] },
  ],
});

const settings = EVENT_SOURCES.KinesisConsumer;

export const streamMapping = new aws.lambda.EventSourceMapping("KinesisConsumerMapping", {
  eventSourceArn: streamConsumer.arn,
  functionName: kinesisConsumer.target,
  startingPosition: settings.startingPosition,
  batchSize: settings.batchSize,
  maximumBatchingWindowInSeconds: settings.maxBatchingWindowSeconds,
  bisectBatchOnFunctionError: settings.bisectOnError,
  maximumRetryAttempts: settings.maxRetries,
  // Concurrent batches per shard; order per partition key (symbol) is kept:
  // https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html (Polling and batching streams).
  parallelizationFactor: settings.parallelizationFactor,
  functionResponseTypes: ["ReportBatchItemFailures"],
  destinationConfig: { onFailure: { destinationArn: streamFailures.arn } },
});
