// The Kinesis event-source mapping: reads every shard, batches records, invokes the consumer, checkpoints.

import {
  type _Record,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
} from "@aws-sdk/client-kinesis";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { StreamResource } from "@stock-patterns/emulators";
import { invokeFunction, type LambdaHandler } from "@stock-patterns/emulators";
import type { KinesisStreamRecord } from "aws-lambda";
import type { Checkpoints } from "./checkpoints";
import { deliverKinesisBatch, type KinesisRetryPolicy } from "./kinesis-delivery";
import { kinesisEventRecord } from "./kinesis-event";
import { kinesisFailureRecord } from "./kinesis-failure";
import { type Lane, laneOf, lanes } from "./kinesis-lanes";
import { recordsThatFit } from "./kinesis-payload";
import type { Poller, PollerReport } from "./poller";
import { ShardProgress } from "./shard-progress";
import { sleep } from "./sleep";

/** Settings of the mapping; the batch and retry settings come from the catalog's EVENT_SOURCES. */
export interface KinesisPollerOptions extends KinesisRetryPolicy {
  client: KinesisClient;
  stream: StreamResource;
  functionName: string;
  handler: LambdaHandler;
  /** Seconds an invocation may run; the catalog's timeout of `functionName` when unset (tests shorten it). */
  timeoutSeconds?: number;
  batchSize: number;
  /**
   * Batches of one shard delivered at once, each partition key's records in order (Lambda's
   * ParallelizationFactor, 1 to 10; default 1): see kinesis-lanes.ts.
   */
  parallelizationFactor?: number;
  /** Lambda's MaximumBatchingWindowInSeconds, in ms: how long a partial batch may wait to fill. */
  batchingWindowMs: number;
  /** Pause after a read that found nothing new. */
  idleWaitMs: number;
  checkpoints: Checkpoints;
  /** The mapping's on-failure destination (the catalog's `onFailure` queue): each discarded batch is described there. */
  failureDestination?: { client: SQSClient; queueUrl: string };
  report(report: PollerReport): void;
}

async function shardIterator(options: KinesisPollerOptions, shardId: string): Promise<string | undefined> {
  const after = options.checkpoints.get(shardId);
  const { ShardIterator } = await options.client.send(
    new GetShardIteratorCommand({
      StreamName: options.stream.name,
      ShardId: shardId,
      ...(after
        ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: after }
        : { ShardIteratorType: "TRIM_HORIZON" }),
    }),
  );
  return ShardIterator;
}

async function readShard(options: KinesisPollerOptions, shardId: string, signal: AbortSignal): Promise<void> {
  const toEvent = (record: _Record) =>
    kinesisEventRecord(record, shardId, options.stream.arn, options.functionName);
  const report = (message: string, items?: string[]) =>
    options.report({
      source: `kinesis:${options.stream.name}/${shardId}`,
      functionName: options.functionName,
      message,
      ...(items && { items }),
    });
  const deliver = async (batch: KinesisStreamRecord[]) => {
    const discarded = await deliverKinesisBatch(batch, (event) => invokeFunction(options, event), options);
    for (const batch of discarded) {
      const { records, reason } = batch;
      report(
        `${records.length} record(s) set aside after ${options.maxRetries} retries: ${reason}`,
        records.map((record) => Buffer.from(record.kinesis.data, "base64").toString("utf8")),
      );
      if (options.failureDestination) {
        const described = kinesisFailureRecord(batch, {
          functionName: options.functionName,
          shardId,
          streamArn: options.stream.arn,
          maxRetries: options.maxRetries,
        });
        // Before the checkpoint: if the send fails, the batch is read again rather than left undescribed.
        await options.failureDestination.client.send(
          new SendMessageCommand({
            QueueUrl: options.failureDestination.queueUrl,
            MessageBody: JSON.stringify(described),
          }),
        );
      }
    }
  };

  const shardLanes = lanes(options.parallelizationFactor ?? 1);
  const progress = new ShardProgress();
  // A delivery that failed (its batch neither processed nor set aside): the reader starts again from the
  // checkpoint, which has not passed the batch.
  let failure: { error: unknown } | undefined;
  // Resolved when a delivery ends, so a reader waiting on full lanes goes on at once.
  let delivered: () => void = () => undefined;
  const start = (lane: Lane, batch: KinesisStreamRecord[]) => {
    lane.delivering = deliver(batch)
      .then(() => {
        const checkpoint = progress.processed(batch.map((record) => record.kinesis.sequenceNumber));
        if (checkpoint) options.checkpoints.save(shardId, checkpoint);
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        lane.delivering = undefined;
        delivered();
      });
  };
  const inFlight = () => Promise.all(shardLanes.map((lane) => lane.delivering));
  // Read ahead by a batch a lane at most, besides the batches being delivered.
  const readAhead = options.batchSize * shardLanes.length;
  const waiting = () => shardLanes.reduce((count, lane) => count + lane.pending.length, 0);

  let iterator: string | undefined;
  while (!signal.aborted) {
    const ended = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    try {
      if (failure) throw failure.error;
      iterator ??= await shardIterator(options, shardId);
      if (!iterator) break; // the shard is closed and fully read
      let fetched = 0;
      if (waiting() < readAhead) {
        const out = await options.client.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(10_000, readAhead - waiting()) }),
        );
        iterator = out.NextShardIterator;
        const now = Date.now();
        for (const record of out.Records ?? []) {
          const event = toEvent(record);
          const lane = shardLanes[laneOf(event.kinesis.partitionKey, shardLanes.length)] as Lane;
          if (lane.pending.length === 0) lane.firstPendingAt = now;
          lane.pending.push(event);
          progress.read(event.kinesis.sequenceNumber);
          fetched++;
        }
      }
      // A lane's batch is full at the batch size, or when its next record would take it past the payload
      // limit; a lane with fewer waits out the batching window from its first record.
      const now = Date.now();
      let nextWindowEnd = Number.POSITIVE_INFINITY;
      for (const lane of shardLanes) {
        if (lane.delivering || lane.pending.length === 0) continue;
        const taken = recordsThatFit(lane.pending, options.batchSize);
        const full = lane.pending.length >= options.batchSize || taken < lane.pending.length;
        const windowEnd = lane.firstPendingAt + options.batchingWindowMs;
        if (full || now >= windowEnd) {
          start(lane, lane.pending.splice(0, taken));
          lane.firstPendingAt = now;
        } else nextWindowEnd = Math.min(nextWindowEnd, windowEnd);
      }
      if (fetched === 0 || waiting() >= readAhead) {
        const wait = Math.min(options.idleWaitMs, Math.max(nextWindowEnd - now, 1));
        await Promise.race([sleep(wait, signal), ended]);
      }
    } catch (error) {
      await inFlight();
      if (signal.aborted) break;
      report(`reading the shard failed, resuming from the last checkpoint: ${String(error)}`);
      failure = undefined;
      iterator = undefined;
      for (const lane of shardLanes) lane.pending = [];
      progress.clear();
      await sleep(options.idleWaitMs, signal);
    }
  }
  // Stopped: the batches being delivered finish (and checkpoint) before the reader returns.
  await inFlight();
}

/**
 * Start reading every shard of the stream: one reader per shard, up to `parallelizationFactor` batches of
 * it at once, each partition key's records in order.
 *
 * @example
 * const poller = startKinesisPoller({ client, stream, functionName: "KinesisConsumer", handler, ... });
 * await poller.stop();
 */
export function startKinesisPoller(options: KinesisPollerOptions): Poller {
  const stopping = new AbortController();
  const readers = options.stream.shardIds.map((shardId) => readShard(options, shardId, stopping.signal));
  return {
    async stop() {
      stopping.abort();
      await Promise.all(readers);
    },
  };
}
