// ThresholdChecker over windows and detections in dynalite: breaches raise alerts on AlertQueue once.

import type { Bar } from "@stock-patterns/core";
import { afterEach, describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { savePatterns } from "#analysis";
import { loadWindow, saveWindow } from "#stream";
import { lambdaContext, queueUrl, receiveSqsEvent, scheduledEvent } from "#test/aws";
import { storeAlertAs, textThresholdAlertId } from "#test/earlier-ids";
import { handler } from "./threshold-checker";

const series = (closes: number[], volumes: number[]): Bar[] =>
  closes.map((close, i) => ({
    time: `2024-02-${String(i + 1).padStart(2, "0")}`,
    close,
    volume: volumes[i],
  }));

/** What every stored detection carries: an outcome, here still open at its detection bar. */
const openSince = (detectedAt: string) => ({
  outcome: {
    ceiling: 101,
    floor: 100,
    status: "open" as const,
    breakout: null,
    target: null,
    resolvedAt: null,
    returns: {},
  },
  outcomeAsOf: `${detectedAt}T00:00:00.000Z`,
});

async function seed(symbol: string, bars: Bar[]) {
  await saveWindow(await loadWindow(symbol, "1d"), bars);
}

describe("ThresholdChecker", () => {
  afterEach(() => {
    delete process.env.THRESHOLD_PRICE_MOVE_PCT;
    delete process.env.THRESHOLD_VOLUME_SPIKE_RATIO;
    delete process.env.THRESHOLD_MIN_CONFIDENCE;
  });

  it("raises each breach once: MEDIUM alone, HIGH when a confident detection confirms it", async () => {
    process.env.THRESHOLD_PRICE_MOVE_PCT = "5";
    await seed("THA", series([100, 101, 100, 108], [10, 10, 10, 10]));
    await seed("THB", series([100, 101, 100, 101], [10, 12, 8, 40]));
    await seed("THC", series([100, 101, 100, 101], [10, 10, 10, 10]));
    await savePatterns(
      "THB",
      "1d",
      [
        {
          pattern: "DBOT",
          start: "2024-02-01",
          end: "2024-02-03",
          detectedAt: "2024-02-03",
          extrema: [],
          confidence: 82,
          ...openSince("2024-02-03"),
        },
      ],
      "stream",
    );
    const first = await handler(scheduledEvent(), lambdaContext("ThresholdChecker"));
    expect(first).toMatchObject({ raised: 2, repeated: 0 });
    const queued = (await receiveSqsEvent(queueUrl("AlertQueue"))).Records.map((r) => JSON.parse(r.body));
    expect(queued.map((a) => [a.symbol, a.rule, a.severity]).sort()).toEqual([
      ["THA", "priceMove", "MEDIUM"],
      ["THB", "volumeSpike", "HIGH"],
    ]);
    expect(await getAlert(queued[0].alertId)).toMatchObject({ source: "threshold", status: "QUEUED" });

    const again = await handler(scheduledEvent(), lambdaContext("ThresholdChecker"));
    expect(again).toMatchObject({ raised: 0, repeated: 2 });
    expect((await receiveSqsEvent(queueUrl("AlertQueue"))).Records).toHaveLength(0);
  });

  // A deploy over a release before 04e93d9, which made the id of the alert from the bar's time as written.
  it("raises no breach again that a release before instant ids alerted under its own id", async () => {
    process.env.THRESHOLD_PRICE_MOVE_PCT = "5";
    await seed("THE", series([100, 101, 100, 108], [10, 10, 10, 10]));
    expect(await handler(scheduledEvent(), lambdaContext("ThresholdChecker"))).toMatchObject({ raised: 1 });
    const [queued] = (await receiveSqsEvent(queueUrl("AlertQueue"))).Records.map((r) => JSON.parse(r.body));
    const earlierId = textThresholdAlertId("THE", "1d", "priceMove", "2024-02-04");
    expect(earlierId).not.toBe(queued.alertId);
    await storeAlertAs(queued.alertId, earlierId);

    const after = await handler(scheduledEvent(), lambdaContext("ThresholdChecker"));
    expect(after).toMatchObject({ raised: 0 });
    expect((await receiveSqsEvent(queueUrl("AlertQueue"))).Records).toHaveLength(0);
    expect(await getAlert(queued.alertId)).toBeUndefined();
  });

  it("takes the price move, the volume spike ratio and the minimum confidence from the environment", async () => {
    Object.assign(process.env, {
      THRESHOLD_PRICE_MOVE_PCT: "10",
      THRESHOLD_VOLUME_SPIKE_RATIO: "5",
      THRESHOLD_MIN_CONFIDENCE: "90",
    });
    // Each of these would breach the defaults (5 %, 3x, 75); only THF and THG breach the stricter ones.
    await seed("THD", series([100, 101, 100, 108], [10, 10, 10, 10]));
    await seed("THE", series([100, 101, 100, 101], [10, 12, 8, 40]));
    await seed("THF", series([100, 101, 100, 101], [10, 10, 10, 60]));
    await seed("THG", series([100, 100, 100, 112], [10, 10, 10, 10]));
    const detection = (confidence: number) => ({
      pattern: "DBOT" as const,
      start: "2024-02-01",
      end: "2024-02-03",
      detectedAt: "2024-02-03",
      extrema: [],
      confidence,
      ...openSince("2024-02-03"),
    });
    await savePatterns("THF", "1d", [detection(82)], "stream");
    await savePatterns("THG", "1d", [detection(93)], "stream");
    expect(await handler(scheduledEvent(), lambdaContext("ThresholdChecker"))).toMatchObject({
      raised: 2,
      repeated: 0,
    });
    const queued = (await receiveSqsEvent(queueUrl("AlertQueue"))).Records.map((r) => JSON.parse(r.body));
    const mine = queued.filter((a) => ["THD", "THE", "THF", "THG"].includes(a.symbol));
    expect(mine.map((a) => [a.symbol, a.rule, a.severity, a.measures]).sort()).toEqual([
      ["THF", "volumeSpike", "MEDIUM", { ratio: 6, thresholdRatio: 5 }],
      ["THG", "priceMove", "HIGH", { movePct: 12, thresholdPct: 10 }],
    ]);
  });

  it("fails clearly when a threshold variable is not a number", async () => {
    process.env.THRESHOLD_PRICE_MOVE_PCT = "five";
    await expect(handler(scheduledEvent(), lambdaContext())).rejects.toThrow(/THRESHOLD_PRICE_MOVE_PCT/);
  });
});
