// A series whose stored window a release before 4dc2e5c saved with bar times today's rule does not read
// (those releases read any time Date.parse took, so "02/25/2000" was applied and kept as written). No bar
// can be applied after such bars: the series' records are set aside with that reason, whole, and the
// batch's other series go on, instead of the batch failing on every retry until Lambda gives it up.

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { type Bar, HELD_BARS, seriesKey, WINDOW } from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { packStoredBars } from "#analysis";
import { dynamo } from "#aws";
import { linked } from "#config";
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

const bars = sp500().slice(0, HELD_BARS + 10);
/** A daily bar's date as a US feed writes it (MM/DD/YYYY), which Date.parse read. */
const usDate = (bar: Bar): Bar => ({
  ...bar,
  time: `${bar.time.slice(5, 7)}/${bar.time.slice(8, 10)}/${bar.time.slice(0, 4)}`,
});

/**
 * The window of `symbol` 1d as 4dc2e5c~1's saveWindow stored it after applying `held` (its detector's window
 * last, the bars before it in earlierBars), written raw.
 */
async function storedBefore4dc2e5c(symbol: string, held: readonly Bar[]) {
  await dynamo().send(
    new PutCommand({
      TableName: linked("SymbolWindows", "name"),
      Item: {
        symbolInterval: seriesKey(symbol, "1d"),
        symbol,
        interval: "1d",
        bars: packStoredBars(held.slice(-WINDOW)),
        earlierBars: packStoredBars(held.slice(0, -WINDOW)),
        version: 4,
        updatedAt: "2026-12-02T21:00:00.000Z",
      },
    }),
  );
}

describe("KinesisConsumer over a window holding bar times read only by Date.parse", () => {
  it("sets the series' new records aside naming the stored time, and applies the batch's other series", async () => {
    const held = bars.slice(0, HELD_BARS).map(usDate);
    await storedBefore4dc2e5c("USW", held);
    const before = await loadWindow("USW", "1d");
    const next = bars.slice(HELD_BARS, HELD_BARS + 3);
    await reader.put([...records("USW", next), ...records("ISO", bars.slice(0, WINDOW + 2))]);
    const event = await reader.nextEvent();

    expect(await consumerFailures(event)).toEqual([]);
    const landed = await takeSetAside(sqs);
    expect(landed.map((r) => r.sequenceNumber).sort()).toEqual(
      next.map((bar) => sequenceOf(event, "USW", bar)).sort(),
    );
    for (const record of landed) {
      expect(record.reason).toBe(
        `conflict: the stored window of USW 1d holds a bar whose time "${held.at(-1)?.time}" is not an ISO 8601 ` +
          "date or datetime, nor epoch seconds or milliseconds (kept as a release before 4dc2e5c read it); " +
          "no bar is applied after it",
      );
    }
    expect(await loadWindow("USW", "1d")).toEqual(before);
    expect((await loadWindow("ISO", "1d")).bars.at(-1)?.time).toBe(bars[WINDOW + 1]?.time);
  });

  it("names the release that kept a time outside the years 0000 to 9999 in UTC, not 4dc2e5c", async () => {
    // Releases before 4481820 applied a series' first bar at 0000-01-01T00:00:00+01:00 (year -1 in UTC).
    const held = [{ ...(bars[0] as Bar), time: "0000-01-01T00:00:00+01:00" }, ...bars.slice(1, WINDOW + 5)];
    await storedBefore4dc2e5c("UYW", held);
    const before = await loadWindow("UYW", "1d");
    const next = bars.slice(WINDOW + 5, WINDOW + 7);
    await reader.put(records("UYW", next));
    const event = await reader.nextEvent();

    expect(await consumerFailures(event)).toEqual([]);
    const landed = await takeSetAside(sqs);
    expect(landed.map((r) => r.reason)).toEqual(
      next.map(
        () =>
          'conflict: the stored window of UYW 1d holds a bar whose time "0000-01-01T00:00:00+01:00" is not a ' +
          "time from the year 0000 to 9999 in UTC (it is -000001-12-31T23:00:00.000Z), kept as a release " +
          "before 4481820 read it; no bar is applied after it",
      ),
    );
    expect(await loadWindow("UYW", "1d")).toEqual(before);
  });

  it("names eight-digit times as kept when epoch seconds were read from them, not by 4dc2e5c", async () => {
    // Releases before eight digits were refused applied 20000103 as epoch seconds (1970-08-20).
    const held = bars.slice(0, WINDOW + 5).map((bar) => ({ ...bar, time: bar.time.replaceAll("-", "") }));
    await storedBefore4dc2e5c("UDW", held);
    const before = await loadWindow("UDW", "1d");
    const next = bars.slice(WINDOW + 5, WINDOW + 7);
    await reader.put(records("UDW", next));
    const event = await reader.nextEvent();

    expect(await consumerFailures(event)).toEqual([]);
    const landed = await takeSetAside(sqs);
    const last = held.at(-1)?.time ?? "";
    const date = `${last.slice(0, 4)}-${last.slice(4, 6)}-${last.slice(6)}`;
    expect(landed.map((r) => r.reason)).toEqual(
      next.map(() =>
        expect.stringMatching(
          new RegExp(
            `^conflict: the stored window of UDW 1d holds a bar whose time "${last}" is ambiguous: .+ and as a date ${date}; .+\\(0${last}\\), kept by a release that read eight digits as epoch seconds; no bar is applied after it$`,
          ),
        ),
      ),
    );
    expect(await loadWindow("UDW", "1d")).toEqual(before);
  });
});
