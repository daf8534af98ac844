// Streams series through the real KinesisConsumer: bars put on kinesalite interleaved bar by bar, read back
// as Lambda's poller would, and handed to the handler in order.

import type { Bar } from "@stock-patterns/core";
import type { KinesisStreamEvent } from "aws-lambda";
import { expect } from "vitest";
import { handler } from "#handlers/kinesis-consumer";
import { lambdaContext, type StreamReader } from "./aws";

/** Records per handler call: below the deployed 2,500, so a replay spans many batches, yet quick. */
export const REPLAY_BATCH = 500;

/**
 * Puts each series' bars (keyed by symbol, interval `1d`) on the stream interleaved bar by bar and
 * delivers them `batch` records at a time; every call must succeed. Answers the events delivered.
 */
export async function replaySeries(
  reader: StreamReader,
  series: Record<string, readonly Bar[]>,
  batch = REPLAY_BATCH,
): Promise<KinesisStreamEvent[]> {
  const records: { partitionKey: string; data: unknown }[] = [];
  const longest = Math.max(...Object.values(series).map((bars) => bars.length));
  for (let i = 0; i < longest; i++)
    for (const [symbol, bars] of Object.entries(series))
      if (i < bars.length)
        records.push({ partitionKey: symbol, data: { symbol, interval: "1d", ...bars[i] } });
  const delivered: KinesisStreamEvent[] = [];
  for (let i = 0; i < records.length; i += batch) {
    await reader.put(records.slice(i, i + batch));
    const event = await reader.nextEvent();
    expect(event.Records).toHaveLength(Math.min(batch, records.length - i));
    expect((await handler(event, lambdaContext("KinesisConsumer"))).batchItemFailures).toEqual([]);
    delivered.push(event);
  }
  return delivered;
}
