// A bar stamped after it reached the stream (epoch seconds with a digit too many, in the year 2270, or a
// year mistyped) was applied: every true bar of its series after it was then older than the newest
// applied, so each was set aside as late, for good. One bad record stopped its series. Now it is set aside
// itself, as malformed, and the series goes on.

import { type Bar, timeValue } from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { loadWindow } from "#stream";
import { StreamReader, testSqs } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { consumerFailures, barRecords as records, sequenceOf, takeSetAside } from "#test/set-aside";

const reader = new StreamReader();
const sqs = testSqs();
afterAll(() => {
  reader.close();
  sqs.destroy();
});

const bars = sp500().slice(0, 80);

describe("KinesisConsumer with a bar stamped after it arrived", () => {
  it("sets it aside as malformed, and the series' later bars are applied", async () => {
    await reader.put(records("KFA", bars.slice(0, 40)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);

    // Bar 40 in epoch seconds with a 0 too many (the year 2270), and bar 41 dated 2999.
    const digit = { ...(bars[40] as Bar), time: String((timeValue(bars[40]?.time ?? "") / 1000) * 10) };
    const typo = { ...(bars[41] as Bar), time: "2999-01-01" };
    await reader.put(records("KFA", [digit, typo]));
    const event = await reader.nextEvent();
    expect(await consumerFailures(event)).toEqual([]);
    // The feed goes on.
    await reader.put(records("KFA", bars.slice(42, 80)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);

    // Only the two are set aside, as malformed; the series' next bars are applied, none late.
    const landed = await takeSetAside(sqs);
    expect(landed.map((r) => r.sequenceNumber).sort()).toEqual(
      [sequenceOf(event, "KFA", digit), sequenceOf(event, "KFA", typo)].sort(),
    );
    for (const record of landed)
      expect(record.reason).toMatch(/^time \S+ is after the record reached the stream \(\S+\)/);
    expect((await loadWindow("KFA", "1d")).bars.at(-1)?.time).toBe(bars[79]?.time);
  });

  it("allows a bar of a longer interval up to one bar ahead (one stamped at its period's end)", async () => {
    const day = 86_400_000;
    const at = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);
    const weekly = (time: string, close: number) => ({
      partitionKey: "KFW",
      data: { symbol: "KFW", interval: "1wk", time, close },
    });
    await reader.put(Array.from({ length: 10 }, (_, i) => weekly(at(7 * (i - 10)), 100 + i)));
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    await reader.put([weekly(at(5), 111), weekly(at(30), 112)]);
    expect(await consumerFailures(await reader.nextEvent())).toEqual([]);
    expect((await takeSetAside(sqs)).map((r) => r.reason)).toEqual([
      expect.stringMatching(
        /^time \S+ is after the record reached the stream \(\S+\) by more than one 1wk bar$/,
      ),
    ]);
    expect((await loadWindow("KFW", "1wk")).bars.at(-1)?.time).toBe(at(5));
  });
});
