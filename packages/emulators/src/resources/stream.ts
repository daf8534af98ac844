// The catalog's market-data stream, created in the emulator with the catalog's local shard count.

import {
  CreateStreamCommand,
  DescribeStreamCommand,
  type KinesisClient,
  ResourceInUseException,
} from "@aws-sdk/client-kinesis";
import { STREAM } from "@stock-patterns/core/catalog";

/** The stream as the local system knows it. */
export interface StreamResource {
  name: string;
  arn: string;
  shardIds: string[];
}

/**
 * Create the market-data stream (reused when it survives in a data directory) and wait until ACTIVE.
 *
 * @example
 * const stream = await createStream(kinesisClient(endpoint)); // stream.shardIds.length === 2
 */
export async function createStream(client: KinesisClient): Promise<StreamResource> {
  try {
    await client.send(
      new CreateStreamCommand({ StreamName: STREAM.name, ShardCount: STREAM.localShardCount }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (;;) {
    const { StreamDescription: description } = await client.send(
      new DescribeStreamCommand({ StreamName: STREAM.name }),
    );
    if (description?.StreamStatus === "ACTIVE") {
      return {
        name: STREAM.name,
        arn: description.StreamARN ?? "",
        shardIds: (description.Shards ?? []).map((shard) => shard.ShardId ?? ""),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How far back a stream's records can reach: when it was made, and how long it keeps a record. */
export interface StreamHistory {
  createdAt: Date;
  retentionHours: number;
}

/**
 * The stream `name`'s history, as DescribeStream gives it (kinesalite keeps both with the stream, in a data
 * directory across runs).
 *
 * @example
 * const history = await streamHistory(kinesisClient(endpoint), STREAM.name); // { createdAt, retentionHours: 24 }
 */
export async function streamHistory(client: KinesisClient, name: string): Promise<StreamHistory> {
  const { StreamDescription: description } = await client.send(
    new DescribeStreamCommand({ StreamName: name }),
  );
  return {
    createdAt: description?.StreamCreationTimestamp ?? new Date(0),
    retentionHours: description?.RetentionPeriodHours ?? 24,
  };
}

/**
 * Whether a stream of this history still holds every record put on it: one made less than its retention
 * ago has let none go, as a record is let go only once it is older than the retention (Kinesis's rule,
 * and kinesalite's, which drops such records as it reads them).
 *
 * @example
 * holdsEveryRecord({ createdAt: new Date(Date.now() - 3_600_000), retentionHours: 24 }) // true
 */
export const holdsEveryRecord = ({ createdAt, retentionHours }: StreamHistory, now = new Date()): boolean =>
  now.getTime() - createdAt.getTime() < retentionHours * 3_600_000;
