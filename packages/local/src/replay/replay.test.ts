// The replay against kinesalite as npm start stops it under the replay (a failure or Ctrl-C): a put the
// stopping emulator refuses ends the replay with what was sent. It had failed the whole run with the
// emulator's ServiceUnavailable stack while the stop it raced was still under way.

import { readFileSync } from "node:fs";
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
} from "@aws-sdk/client-kinesis";
import { type Bar, parseBarsCsv } from "@stock-patterns/core";
import { createStream, kinesisClient, startKinesis } from "@stock-patterns/emulators";
import { describe, expect, it } from "vitest";
import { DEFAULT_REPLAY_FILE } from "../system/paths";
import { type MarketDataRecord, replayBars } from "./replay";

/** Every record on the stream's shards, each shard's in its order, as the data a consumer reads. */
async function streamRecords(client: KinesisClient, streamName: string): Promise<MarketDataRecord[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: streamName }));
  const records: MarketDataRecord[] = [];
  for (const { ShardId } of Shards) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId, ShardIteratorType: "TRIM_HORIZON" }),
    );
    const { Records = [] } = await client.send(new GetRecordsCommand({ ShardIterator }));
    for (const { Data } of Records)
      records.push(JSON.parse(Buffer.from(Data as Uint8Array).toString("utf8")));
  }
  return records;
}

const bars: Bar[] = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, 1500);

describe("replayBars", () => {
  it("ends with the bars sent when the stream refuses a put after its signal aborted", async () => {
    const kinesis = await startKinesis();
    const client = kinesisClient(kinesis.endpoint);
    const stream = await createStream(client);
    const stopping = new AbortController();
    const sent = await replayBars({
      client,
      streamName: stream.name,
      symbol: "SPX",
      interval: "1d",
      bars,
      barsPerSecond: Number.POSITIVE_INFINITY,
      signal: stopping.signal,
      onProgress: (count) => {
        if (count !== 500) return;
        // The system stops after the first put: the emulator refuses what comes next (503, retried, then
        // thrown), and the stop's signal is given while the next put is on its way.
        void kinesis.stop();
        setTimeout(() => stopping.abort(), 0);
      },
    });
    expect(sent).toBe(500);
    client.destroy();
  });

  it("still fails on a put refused while it runs", async () => {
    const kinesis = await startKinesis();
    const client = kinesisClient(kinesis.endpoint);
    const stream = await createStream(client);
    await kinesis.stop();
    await expect(
      replayBars({
        client,
        streamName: stream.name,
        symbol: "SPX",
        interval: "1d",
        bars,
        barsPerSecond: 1000,
      }),
    ).rejects.toThrow();
    client.destroy();
  });

  it("puts each bar under its own symbol, and refuses before any put a replay whose bars' symbols are not given", async () => {
    const kinesis = await startKinesis();
    const client = kinesisClient(kinesis.endpoint);
    const stream = await createStream(client);
    const universe = [bars[0], bars[0], bars[1]] as Bar[];
    const symbols = ["AAA", "BBB", "AAA"];
    const put: string[] = [];
    const replay = (given: { symbols?: string[] }) =>
      replayBars({
        client,
        streamName: stream.name,
        interval: "1d",
        bars: universe,
        ...given,
        barsPerSecond: Number.POSITIVE_INFINITY,
        onPut: (positions) => put.push(...positions.map(({ sequenceNumber }) => sequenceNumber)),
      });
    await expect(replay({})).rejects.toThrow("a replay needs a symbol or symbols");
    await expect(replay({ symbols: ["AAA", "BBB"] })).rejects.toThrow(
      "a replay of 3 bars given 2 symbols: one a bar",
    );
    expect(put).toEqual([]);
    expect(await replay({ symbols })).toBe(3);
    // Shards keep their own order only: each symbol's bars in order, every bar once.
    const records = await streamRecords(client, stream.name);
    const said = (bar: { symbol?: string; time: string; interval?: string }) =>
      `${bar.symbol} ${bar.time} ${bar.interval}`;
    expect(records.map(said).sort()).toEqual(
      universe.map((bar, i) => said({ ...bar, symbol: symbols[i], interval: "1d" })).sort(),
    );
    expect(records.filter((record) => record.symbol === "AAA").map((record) => record.time)).toEqual([
      bars[0]?.time,
      bars[1]?.time,
    ]);
    client.destroy();
    await kinesis.stop();
  });
});
