// Two KinesisConsumers applying the same symbol from the same window version (a concurrent or retried
// delivery), against dynalite: whichever order their writes land in, the stored detection keeps the newer
// outcome, and a detection the API stored first gets the stream's newer outcome.

import {
  type Bar,
  type DetectionWithOutcome,
  detectionRecord,
  patternId,
  scanOutcomes,
} from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { getPattern, savePatterns, withOutcomes } from "#analysis";
import { dynamo } from "#aws";
import { sp500 } from "#test/fixtures";
import { applyBars } from "./apply-bars";
import { loadWindow } from "./repository";

/**
 * A detection of the S&P series whose breakout comes a few bars after it is known, with the bars up to
 * its detection bar `e` and through its breakout bar `b`.
 */
function detectionBreakingOutLater(): { detection: DetectionWithOutcome; bars: Bar[]; e: number; b: number } {
  const bars = sp500().slice(0, 1500);
  const index = new Map(bars.map((bar, i) => [bar.time, i]));
  for (const detection of scanOutcomes(bars)) {
    const e = index.get(detection.detectedAt) as number;
    const breakout = detection.outcome.breakout;
    const b = breakout ? (index.get(breakout.time) as number) : -1;
    if (e >= 300 && b - e >= 3) return { detection: detectionRecord(detection), bars, e, b };
  }
  throw new Error("no detection breaking out 3 or more bars after it is known");
}

/**
 * Delays every DynamoDB call whose input carries `marker` by `ms`, so the writes of one writer land after
 * the other's: the interleaving a slower consumer gives.
 */
function holdCalls(marker: string, ms: number) {
  let held = 0;
  const name = `hold-${marker}`;
  dynamo().middlewareStack.add(
    (next) => async (args) => {
      if (JSON.stringify(args.input).includes(marker)) {
        held++;
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
      return next(args);
    },
    { step: "initialize", name },
  );
  return { count: () => held, release: () => dynamo().middlewareStack.remove(name) };
}

/** The time of bar `i`, which the indices above take from the series itself. */
function timeAt(bars: readonly Bar[], i: number): string {
  const bar = bars[i];
  if (!bar) throw new RangeError(`no bar ${i} in a series of ${bars.length}`);
  return bar.time;
}

const key = (d: { pattern: string; detectedAt: string }) => `${d.pattern}@${d.detectedAt}`;

/** The detection's outcome (as PATTERNS.md writes it) after the batch scan of the bars through `last`. */
function outcomeThrough(bars: readonly Bar[], last: number, detection: DetectionWithOutcome) {
  const found = scanOutcomes(bars.slice(0, last + 1)).find((d) => key(d) === key(detection));
  expect(found).toBeDefined();
  return detectionRecord(found as NonNullable<typeof found>).outcome;
}

describe("racing stream writers", () => {
  it("keep the newer outcome of a new detection when the older write lands last", async () => {
    const { detection, bars, e, b } = detectionBreakingOutLater();
    const id = patternId("RACD", "1d", detection);
    const asOf = (i: number) => `${timeAt(bars, i)}T00:00:00.000Z`;
    const newer = { ...detection, outcome: outcomeThrough(bars, b, detection), outcomeAsOf: asOf(b) };
    const older = { ...detection, outcome: outcomeThrough(bars, e, detection), outcomeAsOf: asOf(e) };
    expect(newer.outcome).not.toEqual(older.outcome);

    // Both find the detection new; the older one's write (marked by its storedAt) is held back until
    // the newer one's has landed.
    const slow = new Date(Date.UTC(2099, 0, 1));
    const held = holdCalls(slow.toISOString(), 300);
    let created: number[];
    try {
      created = await Promise.all([
        savePatterns("RACD", "1d", [newer], "stream", bars),
        savePatterns("RACD", "1d", [older], "stream", bars, slow),
      ]).then((saved) => saved.map((s) => s.created));
    } finally {
      held.release();
    }
    expect(held.count()).toBeGreaterThan(0);
    expect(created).toEqual([1, 0]);
    expect((await getPattern(id))?.outcome).toEqual(newer.outcome);
    // And one after the other.
    expect((await savePatterns("RACD", "1d", [older], "stream", bars)).created).toBe(0);
    expect((await getPattern(id))?.outcome).toEqual(newer.outcome);
  });

  it("keep the newer outcome when two consumers apply the same window at once", async () => {
    const { detection, bars, e, b } = detectionBreakingOutLater();
    await applyBars("RACE", "1d", bars.slice(0, e));
    const window = await loadWindow("RACE", "1d");

    // Both read the same window: one holds the bars through the breakout, the other the detection bar
    // alone. One saves its window; the other retries on the newer window.
    const [newer, older] = await Promise.all([
      applyBars("RACE", "1d", bars.slice(e, b + 1), { window }),
      applyBars("RACE", "1d", bars.slice(e, e + 1), { window }),
    ]);
    expect(newer.applied + older.applied).toBe(b + 1 - e);
    const breakoutOutcome = outcomeThrough(bars, b, detection);
    expect(breakoutOutcome.breakout).not.toBeNull();
    expect((await getPattern(patternId("RACE", "1d", detection)))?.outcome).toEqual(breakoutOutcome);
    expect((await loadWindow("RACE", "1d")).bars.at(-1)?.time).toBe(timeAt(bars, b));
  });

  it("move a new detection's outcome forward when the older write lands first", async () => {
    const { detection, bars, e, b } = detectionBreakingOutLater();
    await applyBars("RACF", "1d", bars.slice(0, e));
    const window = await loadWindow("RACF", "1d");
    const id = patternId("RACF", "1d", detection);

    await applyBars("RACF", "1d", bars.slice(e, e + 1), { window });
    expect((await getPattern(id))?.outcome).toEqual(outcomeThrough(bars, e, detection));
    await applyBars("RACF", "1d", bars.slice(e, b + 1), { window });
    expect((await getPattern(id))?.outcome).toEqual(outcomeThrough(bars, b, detection));
  });

  it("give a detection the API stored first the stream's newer outcome, and leave its other fields", async () => {
    const { detection, bars, e, b } = detectionBreakingOutLater();
    const { outcome: _outcome, ...found } = detection;
    const analysed = bars.slice(0, e + 1);
    await savePatterns("RACG", "1d", withOutcomes(analysed, [found]), "api", analysed);
    const id = patternId("RACG", "1d", detection);
    const fromApi = await getPattern(id);
    expect(fromApi?.outcome).toEqual(outcomeThrough(bars, e, detection));

    await applyBars("RACG", "1d", bars.slice(0, b + 1));
    const stored = await getPattern(id);
    expect(stored?.outcome).toEqual(outcomeThrough(bars, b, detection));
    const { outcome: _o, outcomeAsOf: _a, ...rest } = stored ?? {};
    const { outcome: _ao, outcomeAsOf: _aa, ...apiFields } = fromApi ?? {};
    expect(rest).toEqual(apiFields);
  });
});
