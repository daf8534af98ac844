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
