// The replay against kinesalite as npm start stops it under the replay (a failure or Ctrl-C): a put the
// stopping emulator refuses ends the replay with what was sent. It had failed the whole run with the
// emulator's ServiceUnavailable stack while the stop it raced was still under way.

import { readFileSync } from "node:fs";
import { type Bar, parseBarsCsv } from "@stock-patterns/core";
import { createStream, kinesisClient, startKinesis } from "@stock-patterns/emulators";
import { describe, expect, it } from "vitest";
import { DEFAULT_REPLAY_FILE } from "../system/paths";
import { replayBars } from "./replay";

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
});
