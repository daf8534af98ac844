// A bar resent at an instant already applied was counted as a duplicate and changed nothing, even when its
// prices differed (a vendor's correction, a second feed disagreeing): the difference was dropped unseen.
// Now a resend whose values differ from the bar applied at its instant (or named first in its batch) is
// set aside on RejectedMarketData with a reason naming the instant, the series and the values, logged and
// counted; a true replay (the same values, however its time is spelled) stays a harmless duplicate.

import { DeleteQueueCommand } from "@aws-sdk/client-sqs";
import { type Bar, HELD_BARS, timeValue } from "@stock-patterns/core";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { logger, metrics } from "#observability";
import { loadWindow } from "#stream";
import { queueUrl, StreamReader, testSqs } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { total } from "#test/metrics";
import {
  barRecords,
  consumerFailures,
  recreateSetAsideQueue,
  sequenceOf,
  takeSetAside,
} from "#test/set-aside";

const reader = new StreamReader();
const sqs = testSqs();
afterAll(() => {
  reader.close();
  sqs.destroy();
});
afterEach(() => vi.restoreAllMocks());

const bars = sp500().slice(0, 80);
const conflictWarnings = (warn: { mock: { calls: unknown[][] } }) =>
  warn.mock.calls.filter(([message]) => message === "Conflicting market data record");

/** Bar `i` with its close moved by one cent. */
const corrected = (i: number): Bar => {
  const bar = bars[i] as Bar;
  return { ...bar, close: Math.round(bar.close * 100 + 1) / 100 };
};

/** Bar `i` written as epoch seconds: the same instant spelled otherwise. */
const inEpochSeconds = (i: number): Bar => {
  const bar = bars[i] as Bar;
  return { ...bar, time: String(timeValue(bar.time) / 1000) };
};

describe("KinesisConsumer with a bar resent at an instant it applied", () => {
  it("counts a resend with the same values as a duplicate, however its time is spelled", async () => {
    await reader.put(barRecords("KCA", bars.slice(0, 40)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    const warn = vi.spyOn(logger, "warn");
    const added = vi.spyOn(metrics, "addMetric");
    await reader.put(barRecords("KCA", [bars[20] as Bar, inEpochSeconds(30), ...bars.slice(40, 42)]));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);

    expect(await takeSetAside(sqs)).toEqual([]);
    expect(conflictWarnings(warn)).toEqual([]);
    expect([total(added, "DuplicateBars"), total(added, "ConflictingRecords")]).toEqual([2, 0]);
    expect(total(added, "BarsApplied")).toBe(2);
  });

  it("sets aside a resend whose close differs from the held bar, naming the instant, series and values", async () => {
    await reader.put(barRecords("KCB", bars.slice(0, 40)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    const warn = vi.spyOn(logger, "warn");
    const added = vi.spyOn(metrics, "addMetric");
    // The correction of bar 30 written as epoch seconds, and of the newest bar held (39) as it was written.
    const changed = [{ ...corrected(30), time: inEpochSeconds(30).time }, corrected(39)];
    await reader.put(barRecords("KCB", [...changed, ...bars.slice(40, 42)]));
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);

    const landed = await takeSetAside(sqs);
    expect(landed.map((r) => r.sequenceNumber).sort()).toEqual(
      changed.map((bar) => sequenceOf(event, "KCB", bar)).sort(),
    );
    const reasons = Object.fromEntries(landed.map((r) => [r.sequenceNumber, r.reason]));
    const [at30, at39] = changed.map((bar) => reasons[sequenceOf(event, "KCB", bar)]);
    const held = (i: number) => bars[i] as Bar;
    expect(at30).toBe(
      `conflict: time ${changed[0]?.time} is the instant of a bar already applied to KCB 1d, with other values: close ${changed[0]?.close} (applied ${held(30).close})`,
    );
    expect(at39).toBe(
      `conflict: time ${held(39).time} is the instant of a bar already applied to KCB 1d, with other values: close ${changed[1]?.close} (applied ${held(39).close})`,
    );
    expect(conflictWarnings(warn)).toHaveLength(2);
    expect(total(added, "ConflictingRecords")).toBe(2);
    expect(total(added, "DuplicateBars")).toBe(0);
    expect(total(added, "BarsApplied")).toBe(2);
    // The window keeps the bars it applied first.
    const window = await loadWindow("KCB", "1d");
    const closeAt = (i: number) =>
      [...(window.earlierBars ?? []), ...window.bars].find((b) => b.time === held(i).time)?.close;
    expect([closeAt(30), closeAt(39)]).toEqual([held(30).close, held(39).close]);
  });

  it("applies the first of two records of one new instant in a batch and sets aside the second", async () => {
    await reader.put(barRecords("KCC", bars.slice(0, 40)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    const added = vi.spyOn(metrics, "addMetric");
    // Bar 40 twice, then its correction: one applied, one replay, one conflict.
    const second = corrected(40);
    await reader.put(barRecords("KCC", [bars[40] as Bar, inEpochSeconds(40), second]));
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);

    const landed = await takeSetAside(sqs);
    expect(landed.map((r) => r.sequenceNumber)).toEqual([sequenceOf(event, "KCC", second)]);
    expect(landed[0]?.reason).toBe(
      `conflict: time ${second.time} is the instant of a bar named earlier in the batch for KCC 1d, with other values: close ${second.close} (first ${bars[40]?.close})`,
    );
    expect([total(added, "BarsApplied"), total(added, "DuplicateBars")]).toEqual([1, 1]);
    expect(total(added, "ConflictingRecords")).toBe(1);
    expect((await loadWindow("KCC", "1d")).bars.at(-1)).toEqual(bars[40]);
  });

  it("reports a conflicting bar it could not set aside, so it is retried, and sets it aside on the retry", async () => {
    await reader.put(barRecords("KCD", bars.slice(0, 20)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl("RejectedMarketData") }));
    await reader.put(barRecords("KCD", [corrected(10)]));
    const event = await reader.nextEvent();
    const conflict = sequenceOf(event, "KCD", corrected(10));
    expect(await consumerFailures(event)).toEqual([conflict]);

    await recreateSetAsideQueue(sqs);
    expect(await consumerFailures(event)).toEqual([]);
    expect((await takeSetAside(sqs)).map((r) => r.sequenceNumber)).toEqual([conflict]);
  });

  it("sets a conflicting bar aside on the retry even when its batch's new bars moved the window past it", async () => {
    const series = sp500();
    await reader.put(barRecords("KCE", series.slice(0, 20)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl("RejectedMarketData") }));
    await reader.put(barRecords("KCE", [corrected(10), ...series.slice(20, 20 + HELD_BARS + 10)]));
    const event = await reader.nextEvent();
    const conflict = sequenceOf(event, "KCE", corrected(10));
    expect(await consumerFailures(event)).toContain(conflict);

    await recreateSetAsideQueue(sqs);
    expect(await consumerFailures(event)).toEqual([]);
    expect((await takeSetAside(sqs)).map((r) => r.sequenceNumber)).toEqual([conflict]);
  });
});
