// A bar that arrives after a newer bar of its series was applied in an earlier batch cannot be applied (the
// detector runs forward only): it was counted as a duplicate and dropped, like a replay. Now it is set
// aside on RejectedMarketData with a reason that says it came late, logged and counted, while a true
// replay (an instant the window holds, however spelled) stays a duplicate that changes nothing.

import { fileURLToPath } from "node:url";
import { DeleteQueueCommand } from "@aws-sdk/client-sqs";
import { type Bar, HELD_BARS, timeValue } from "@stock-patterns/core";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { logger, metrics } from "#observability";
import { loadWindow } from "#stream";
import { queueUrl, StreamReader, testSqs } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { killedAtCall } from "#test/killed-at-call";
import { total } from "#test/metrics";
import {
  consumerFailures,
  barRecords as records,
  recreateSetAsideQueue,
  sequenceOf,
  takeSetAside,
} from "#test/set-aside";

const CONSUMER = fileURLToPath(new URL("./kinesis-consumer.ts", import.meta.url));
const reader = new StreamReader();
const sqs = testSqs();
afterAll(() => {
  reader.close();
  sqs.destroy();
});
afterEach(() => vi.restoreAllMocks());

const bars = sp500().slice(0, 200);
const setAside = () => takeSetAside(sqs);

describe("KinesisConsumer with a bar that comes late", () => {
  it("sets it aside with its reason, and counts a replayed bar as a duplicate", async () => {
    // The first batch misses bars 30 and 31; the second brings them with a replay of bar 40 (written as
    // epoch seconds) and two new bars.
    await reader.put(records("KLA", [...bars.slice(0, 30), ...bars.slice(32, 60)]));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);

    const warn = vi.spyOn(logger, "warn");
    const added = vi.spyOn(metrics, "addMetric");
    const replayed = { ...(bars[40] as Bar), time: String(timeValue(bars[40]?.time ?? "") / 1000) };
    const late = bars.slice(30, 32);
    await reader.put(records("KLA", [...late, replayed, ...bars.slice(60, 62)]));
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);

    const landed = await setAside();
    expect(landed.map((r) => r.sequenceNumber).sort()).toEqual(
      late.map((bar) => sequenceOf(event, "KLA", bar)).sort(),
    );
    for (const record of landed)
      expect(record.reason).toMatch(/^late: time \S+ is before \S+, the newest bar applied to KLA 1d/);
    expect(warn.mock.calls.filter(([message]) => message === "Late market data record")).toHaveLength(2);
    expect(total(added, "LateRecords")).toBe(2);
    expect(total(added, "DuplicateBars")).toBe(1);
    expect(total(added, "BarsApplied")).toBe(2);
    expect((await loadWindow("KLA", "1d")).bars.at(-1)?.time).toBe(bars[61]?.time);
  });

  it("counts a bar older than every bar the window holds as a duplicate once bars have left the window", async () => {
    // A series longer than the window holds: its oldest bars have left, so a bar before the oldest held
    // one may be a replay of a bar applied long ago (a stream read again from its start) and is not
    // called late.
    const count = HELD_BARS + 20;
    await reader.put(records("KLB", bars.slice(10, 10 + count)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    const added = vi.spyOn(metrics, "addMetric");
    await reader.put(records("KLB", [...bars.slice(0, 3), ...bars.slice(15, 18)]));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    expect(await setAside()).toEqual([]);
    expect([total(added, "DuplicateBars"), total(added, "LateRecords")]).toEqual([6, 0]);
  });

  it("reports a late bar it could not set aside, so it is retried, and sets it aside on the retry", async () => {
    await reader.put(records("KLC", [...bars.slice(0, 10), ...bars.slice(11, 20)]));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    const url = queueUrl("RejectedMarketData");
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await reader.put(records("KLC", bars.slice(10, 11)));
    const event = await reader.nextEvent();
    const late = sequenceOf(event, "KLC", bars[10] as Bar);
    expect(await consumerFailures(event)).toEqual([late]);

    await recreateSetAsideQueue(sqs);
    expect(await consumerFailures(event)).toEqual([]);
    expect((await setAside()).map((r) => r.sequenceNumber)).toEqual([late]);
  });

  it("sets a late bar aside on the retry even when its batch's new bars moved the window past it", async () => {
    // The batch that brings the late bar brings more new bars than the window holds: once they are saved,
    // the late bar is older than every held bar. Its retry (its set-aside failed, or the consumer stopped
    // after saving the window) must still see it as late, not as a replay of a bar that left the window.
    await reader.put(records("KLD", [...bars.slice(0, 20), ...bars.slice(21, 30)]));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    const url = queueUrl("RejectedMarketData");
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await reader.put(records("KLD", [bars[20] as Bar, ...bars.slice(30, 30 + HELD_BARS + 10)]));
    const event = await reader.nextEvent();
    const late = sequenceOf(event, "KLD", bars[20] as Bar);
    expect(await consumerFailures(event)).toContain(late);

    await recreateSetAsideQueue(sqs);
    expect(await consumerFailures(event)).toEqual([]);
    expect((await setAside()).map((r) => r.sequenceNumber)).toEqual([late]);
    expect((await loadWindow("KLD", "1d")).bars.at(-1)?.time).toBe(bars[29 + HELD_BARS + 10]?.time);
  });

  it("sets a late bar aside on the retry of a consumer stopped dead as it set the bar aside", async () => {
    await reader.put(records("KLE", [...bars.slice(0, 20), ...bars.slice(21, 30)]));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    await reader.put(records("KLE", [bars[20] as Bar, ...bars.slice(30, 30 + HELD_BARS + 10)]));
    const event = await reader.nextEvent();
    const settingAside = (operation: string, body: string) =>
      operation === "SQS.SendMessageBatch" && body.includes("RejectedMarketData");
    expect((await killedAtCall(CONSUMER, event, { call: settingAside, when: "before" })).killed).toBe(true);

    // Not checkpointed: the event source delivers the batch again.
    expect(await consumerFailures(event)).toEqual([]);
    expect((await setAside()).map((r) => r.sequenceNumber)).toEqual([
      sequenceOf(event, "KLE", bars[20] as Bar),
    ]);
  });
});
