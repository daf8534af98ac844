// The Kinesis event-source mapping: reads every shard, batches records, invokes the consumer, checkpoints.

import {
  type _Record,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  type KinesisClient,
} from "@aws-sdk/client-kinesis";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import type { StreamResource } from "@stock-patterns/emulators";
import { invokeFunction, type LambdaHandler } from "@stock-patterns/emulators";
import type { KinesisStreamRecord } from "aws-lambda";
import type { Checkpoints } from "./checkpoints";
import { deliverKinesisBatch, type KinesisRetryPolicy } from "./kinesis-delivery";
import { kinesisEventRecord } from "./kinesis-event";
import { kinesisFailureRecord } from "./kinesis-failure";
import { recordsThatFit } from "./kinesis-payload";
import type { Poller, PollerReport } from "./poller";
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
  /** Lambda's MaximumBatchingWindowInSeconds, in ms: how long a partial batch may wait to fill. */
  batchingWindowMs: number;
  /** Pause after a read that found nothing new. */
  idleWaitMs: number;
  checkpoints: Checkpoints;
  /** The mapping's on-failure destination (the catalog's `onFailure` queue): each discarded batch is described there. */
  failureDestination?: { client: SQSClient; queueUrl: string };
  report(report: PollerReport): void;
}

/**
 * Where a shard's reader starts: after its checkpoint, else at the catalog's starting position. A checkpoint
 * the stream refuses (InvalidArgumentException: a position of another stream, as a data directory whose
 * kinesis store was moved aside leaves) is said, and the shard read again from its start: the handlers,
 * idempotent, store nothing twice. Resumed from it again and again, the shard was never read.
 */
async function shardIterator(options: KinesisPollerOptions, shardId: string): Promise<string | undefined> {
  const iteratorAt = async (position: Omit<GetShardIteratorCommandInput, "StreamName" | "ShardId">) =>
    (
      await options.client.send(
        new GetShardIteratorCommand({ StreamName: options.stream.name, ShardId: shardId, ...position }),
      )
    ).ShardIterator;
  const start = { ShardIteratorType: EVENT_SOURCES.KinesisConsumer.startingPosition };
  const after = options.checkpoints.get(shardId);
  if (after === undefined) return iteratorAt(start);
  try {
    return await iteratorAt({ ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: after });
  } catch (error) {
    if ((error as Error).name !== "InvalidArgumentException") throw error;
    options.report({
      source: `kinesis:${options.stream.name}/${shardId}`,
      functionName: options.functionName,
      message: `the checkpoint ${after} is no position on this stream (${(error as Error).message}): reading the shard again from its oldest record`,
    });
    return iteratorAt(start);
  }
}

async function readShard(options: KinesisPollerOptions, shardId: string, signal: AbortSignal): Promise<void> {
  const toEvent = (record: _Record) =>
    kinesisEventRecord(record, shardId, options.stream.arn, options.functionName);
  const deliver = async (batch: KinesisStreamRecord[]) => {
    // The checkpoint after the batch is its last record's position; the loop below hands only full (by count
    // or payload) or timed-out batches.
    const last = batch.at(-1);
    if (!last) throw new Error(`an empty batch was to be delivered from shard ${shardId}`);
    const discarded = await deliverKinesisBatch(batch, (event) => invokeFunction(options, event), options);
    for (const batch of discarded) {
      const { records, reason } = batch;
      options.report({
        source: `kinesis:${options.stream.name}/${shardId}`,
        functionName: options.functionName,
        message: `${records.length} record(s) set aside after ${options.maxRetries} retries: ${reason}`,
        items: records.map((record) => Buffer.from(record.kinesis.data, "base64").toString("utf8")),
      });
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
    options.checkpoints.save(shardId, last.kinesis.sequenceNumber);
  };

  let iterator: string | undefined;
  let pending: KinesisStreamRecord[] = [];
  let firstPendingAt = 0;
  while (!signal.aborted) {
    try {
      iterator ??= await shardIterator(options, shardId);
      if (!iterator) return; // the shard is closed and fully read
      let fetched = 0;
      if (pending.length < options.batchSize) {
        const out = await options.client.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize - pending.length }),
        );
        iterator = out.NextShardIterator;
        fetched = out.Records?.length ?? 0;
        if (fetched > 0 && pending.length === 0) firstPendingAt = Date.now();
        pending.push(...(out.Records ?? []).map(toEvent));
      }
      const waited = Date.now() - firstPendingAt;
      // A batch is full at the batch size, or when the next record would take it past the payload limit.
      const taken = recordsThatFit(pending, options.batchSize);
      const full = pending.length >= options.batchSize || taken < pending.length;
      if (full || (pending.length > 0 && waited >= options.batchingWindowMs)) {
        await deliver(pending.splice(0, taken));
        firstPendingAt = Date.now();
      } else if (fetched === 0) {
        const wait = pending.length > 0 ? options.batchingWindowMs - waited : options.idleWaitMs;
        await sleep(Math.min(options.idleWaitMs, Math.max(wait, 1)), signal);
      }
    } catch (error) {
      if (signal.aborted) return;
      options.report({
        source: `kinesis:${options.stream.name}/${shardId}`,
        functionName: options.functionName,
        message: `reading the shard failed, resuming from the last checkpoint: ${String(error)}`,
      });
      iterator = undefined;
      pending = [];
      await sleep(options.idleWaitMs, signal);
    }
  }
}

/**
 * Start reading every shard of the stream (one reader per shard, batches in order within a shard).
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
