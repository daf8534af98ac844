// Replays a series of bars into the market-data stream at a chosen pace, as a market-data feed would send them.

import { type KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from "@aws-sdk/client-kinesis";
import type { Bar } from "@stock-patterns/core";
import { sleep } from "../pollers/sleep";

/** One market-data record on the stream, as the KinesisConsumer reads it. */
export interface MarketDataRecord extends Bar {
  symbol: string;
  interval: string;
}

/** What to replay and how fast. */
export interface ReplayOptions {
  client: KinesisClient;
  streamName: string;
  /** The symbol of every bar, unless `symbols` gives each its own. */
  symbol?: string;
  /** Each bar's symbol, `symbols[i]` that of `bars[i]`: a universe's, interleaved (replay/interleave). */
  symbols?: readonly string[];
  interval: string;
  bars: readonly Bar[];
  /** Bars per second; `Infinity` sends as fast as the stream takes them. */
  barsPerSecond: number;
  signal?: AbortSignal;
  /** Called after every accepted put with the number of bars sent so far. */
  onProgress?(sent: number): void;
  /** Called with where each accepted record landed (shard and sequence number). */
  onPut?(positions: { shardId: string; sequenceNumber: string }[]): void;
  /**
   * Indices of bars (ascending) before which the replay calls `hold` and waits for it (see
   * replay/event-holds); the time spent holding does not count against the pace.
   */
  holds?: readonly number[];
  hold?(): Promise<void>;
}

/** PutRecords takes at most 500 records per call. */
const MAX_PUT = 500;
const TICK_MS = 100;

/** The stream entry of one bar: JSON, partitioned by symbol. */
export function marketDataEntry(record: MarketDataRecord): PutRecordsRequestEntry {
  return { Data: Buffer.from(JSON.stringify(record)), PartitionKey: record.symbol };
}

async function putAll(
  client: KinesisClient,
  streamName: string,
  entries: PutRecordsRequestEntry[],
  onPut: ReplayOptions["onPut"],
) {
  let pending = entries;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    const { Records = [] } = await client.send(
      new PutRecordsCommand({ StreamName: streamName, Records: pending }),
    );
    onPut?.(
      Records.filter((record) => !record.ErrorCode && record.ShardId && record.SequenceNumber).map(
        (record) => ({
          shardId: record.ShardId ?? "",
          sequenceNumber: record.SequenceNumber ?? "",
        }),
      ),
    );
    pending = pending.filter((_, index) => Records[index]?.ErrorCode);
    if (attempt >= 10 && pending.length > 0) {
      throw new Error(`the stream refused ${pending.length} record(s) after ${attempt} attempts`);
    }
  }
}

/**
 * Put every bar on the stream, in order, pacing to `barsPerSecond`. Resolves with the number of bars
 * sent (fewer than all if `signal` aborted).
 *
 * @example
 * await replayBars({ client, streamName: "MarketDataStream", symbol: "SPX", interval: "1d", bars, barsPerSecond: 50 });
 */
export async function replayBars(options: ReplayOptions): Promise<number> {
  const { bars, signal } = options;
  const { symbols } = options;
  // Refused before anything is sent: a replay stopped halfway would leave a series half put.
  if (symbols === undefined && options.symbol === undefined)
    throw new Error("a replay needs a symbol or symbols");
  if (symbols !== undefined && symbols.length !== bars.length)
    throw new Error(`a replay of ${bars.length} bars given ${symbols.length} symbols: one a bar`);
  const symbolAt = (index: number) => (symbols?.[index] ?? options.symbol) as string;
  const holds = options.hold ? [...(options.holds ?? [])] : [];
  let started = Date.now();
  let sent = 0;
  while (sent < bars.length && !signal?.aborted) {
    while (holds[0] !== undefined && holds[0] < sent) holds.shift();
    if (holds[0] === sent) {
      holds.shift();
      const holding = Date.now();
      await options.hold?.();
      started += Date.now() - holding;
      continue;
    }
    const due = Number.isFinite(options.barsPerSecond)
      ? Math.floor(((Date.now() - started + TICK_MS) / 1000) * options.barsPerSecond)
      : bars.length;
    const upTo = Math.min(holds[0] ?? bars.length, bars.length);
    const count = Math.min(MAX_PUT, Math.max(0, due - sent), upTo - sent);
    if (count === 0) {
      await sleep(TICK_MS, signal ?? new AbortController().signal);
      continue;
    }
    const entries = bars
      .slice(sent, sent + count)
      .map((bar, i) => marketDataEntry({ ...bar, symbol: symbolAt(sent + i), interval: options.interval }));
    try {
      await putAll(options.client, options.streamName, entries, options.onPut);
    } catch (error) {
      // A put the stopping system refused: the replay ends with what was sent, as for the stop itself.
      if (signal?.aborted) break;
      throw error;
    }
    sent += count;
    options.onProgress?.(sent);
  }
  return sent;
}
