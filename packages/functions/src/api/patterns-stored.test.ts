// POST /patterns stores each detection with its outcome through the real workflow, against the emulators,
// beside the stream storing the same detections: neither writer's older outcome replaces a newer one, and
// a repeated analysis changes no stored record.

import { type Bar, patternId, scanOutcomes } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { getPattern, listPatterns, type StoredPattern } from "#analysis";
import { dynamo } from "#aws";
import { applyBars } from "#stream";
import { sp500 } from "#test/fixtures";
import { call } from "#test/http";

const asJson = (list: readonly Bar[]) =>
  list.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume }));

/** Every stored detection of a symbol, by id. */
async function storedOf(symbol: string): Promise<Map<string, StoredPattern>> {
  const { items } = await listPatterns({ symbol, limit: 1000 });
  return new Map(items.map((p) => [p.patternId, p]));
}

const analyse = (symbol: string, bars: readonly Bar[]) =>
  call("/patterns", { key: "analyst", body: { symbol, interval: "1d", bars: asJson(bars) } });

/** A detection of the S&P series that breaks out 3 or more bars after its detection bar `e` (at `b`). */
function breakingOutLater(bars: Bar[]) {
  const index = new Map(bars.map((bar, i) => [bar.time, i]));
  for (const detection of scanOutcomes(bars)) {
    const e = index.get(detection.detectedAt) as number;
    const breakout = detection.outcome.breakout;
    const b = breakout ? (index.get(breakout.time) as number) : -1;
    if (e >= 300 && b - e >= 3) return { detection, e, b };
  }
  throw new Error("no detection breaking out 3 or more bars after it is known");
}

/**
 * Holds every DynamoDB call whose input carries `marker` until released; `reached` settles once a held
 * call also carries `awaited`: the moment one writer has read and is about to write.
 */
function holdCalls(marker: string, awaited: string) {
  const name = `hold-${marker}`;
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reached = () => {};
  const arrived = new Promise<void>((resolve) => {
    reached = resolve;
  });
  dynamo().middlewareStack.add(
    (next) => async (args) => {
      const input = JSON.stringify(args.input);
      if (input.includes(marker)) {
        if (input.includes(awaited)) reached();
        await gate;
      }
      return next(args);
    },
    { step: "initialize", name },
  );
  return {
    arrived,
    release: () => {
      release();
      dynamo().middlewareStack.remove(name);
    },
  };
}

describe("POST /patterns storing outcomes", () => {
  it("stores each detection with the outcome it answers", async () => {
    const series = sp500().slice(0, 600);
    const { status, json } = await analyse("APSO", series);
    expect(status).toBe(200);
    const stored = await storedOf("APSO");
    expect(stored.size).toBe(json.detections.length);
    for (const d of json.detections) {
      const record = stored.get(patternId("APSO", "1d", d));
      expect(record?.outcome, d.detectedAt).toEqual(d.outcome);
      expect(record?.outcomeAsOf).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
    }
  });

  it("leaves the stream's newer outcome and every field it stored; a repeated analysis changes nothing", async () => {
    const bars = sp500().slice(0, 1500);
    const { detection, e, b } = breakingOutLater(bars);
    const id = patternId("APSS", "1d", detection);
    await applyBars("APSS", "1d", bars.slice(0, b + 1));
    const fromStream = await storedOf("APSS");
    expect(fromStream.get(id)?.outcome?.breakout?.time).toBe(bars[b]?.time);

    // The analysis ends at the detection bar, before the breakout the stream has seen.
    const first = await analyse("APSS", bars.slice(0, e + 1));
    expect(first.status).toBe(200);
    const answered = first.json.detections.find((d: { patternId?: string }) => d.patternId === id);
    expect(answered?.outcome.breakout).toBeNull();
    expect(await storedOf("APSS")).toEqual(fromStream);

    const again = await analyse("APSS", bars.slice(0, e + 1));
    expect(again.json.detections).toEqual(first.json.detections);
    expect(await storedOf("APSS")).toEqual(fromStream);

    // Over the same bars as the stream, the analysis finds every outcome as new as the stored one.
    await analyse("APSS", bars.slice(0, b + 1));
    expect(await storedOf("APSS")).toEqual(fromStream);
  });

  it("moves the stored outcome forward when the analysis holds newer bars, keeping the stream's fields", async () => {
    const bars = sp500().slice(0, 1500);
    const { detection, e, b } = breakingOutLater(bars);
    const id = patternId("APSF", "1d", detection);
    await applyBars("APSF", "1d", bars.slice(0, e + 1));
    const fromStream = await getPattern(id);
    expect(fromStream?.outcome?.breakout).toBeNull();

    const { json } = await analyse("APSF", bars.slice(0, b + 1));
    const answered = json.detections.find((d: { patternId?: string }) => d.patternId === id);
    expect(answered?.outcome.breakout?.time).toBe(bars[b]?.time);
    const stored = await getPattern(id);
    expect(stored?.outcome).toEqual(answered?.outcome);
    expect(stored?.outcomeAsOf).toBe(`${bars[b]?.time}T00:00:00.000Z`);
    const { outcome: _o, outcomeAsOf: _a, ...kept } = stored ?? {};
    const { outcome: _so, outcomeAsOf: _sa, ...streamFields } = fromStream ?? {};
    expect(kept).toEqual(streamFields);
    expect(stored?.source).toBe("stream");
  });

  it("keeps the stream's newer outcome when it lands while the analysis is about to write", async () => {
    const bars = sp500().slice(0, 1500);
    const { detection, e, b } = breakingOutLater(bars);
    const id = patternId("APSR", "1d", detection);
    // The analysis (ending at the detection bar) has found the detection new and is about to store it;
    // the stream stores it through its breakout; then the analysis's write lands.
    const held = holdCalls('"api"', id);
    let answered: Awaited<ReturnType<typeof analyse>>;
    try {
      const analysis = analyse("APSR", bars.slice(0, e + 1));
      await held.arrived;
      await applyBars("APSR", "1d", bars.slice(0, b + 1));
      held.release();
      answered = await analysis;
    } finally {
      held.release();
    }
    expect(answered.status).toBe(200);
    const stored = await getPattern(id);
    expect(stored?.source).toBe("stream");
    expect(stored?.outcome?.breakout?.time).toBe(bars[b]?.time);
    expect(stored?.outcomeAsOf).toBe(`${bars[b]?.time}T00:00:00.000Z`);
  });

  it("stores and answers a series priced anywhere the valid-bar rule allows, above 2^53 too", async () => {
    // Prices up to 1e30 meet core's barProblem; a quote in a tiny unit (ETH in wei) is over 2^53.
    const priced = sp500()
      .slice(0, 600)
      .map((bar) => ({ ...bar, open: undefined, high: undefined, low: undefined, close: bar.close * 1e14 }));
    const { status, json } = await analyse("APWEI", priced);
    expect(status).toBe(200);
    expect(json.detections.length).toBeGreaterThan(0);
    const listed = await call("/patterns?symbol=APWEI", { key: "reader" });
    expect(listed.status).toBe(200);
    expect(listed.json.items).toHaveLength(json.detections.length);
    for (const item of listed.json.items) {
      const answered = json.detections.find((d: { patternId: string }) => d.patternId === item.patternId);
      expect(item.outcome).toEqual(answered?.outcome);
      expect(item.extrema[0].price).toBeGreaterThan(2 ** 53);
    }
  });
});
