// POST /patterns on a series whose answer would pass Step Functions' 256 KiB state quota: refused with a
// 413 before the workflow starts, nothing stored. Started before, AlertDecision failed with
// States.DataLimitExceeded once its alerts were stored and published, and the caller got a 500.

import { describe, expect, it } from "vitest";
import { listPatterns } from "#analysis";
import { call } from "#test/http";

/** `count` daily bars whose closes swing every `period` bars by `amplitude` (a share of 100). */
function swinging(count: number, period: number, amplitude: number) {
  return Array.from({ length: count }, (_, i) => ({
    time: 1_420_070_400 + 86_400 * i,
    close: Number((100 * (1 + amplitude * Math.sin((2 * Math.PI * i) / period))).toFixed(4)),
  }));
}

const analyse = (symbol: string, bars: unknown[]) =>
  call("/patterns", { key: "analyst", body: { symbol, interval: "1d", bars } });

describe("POST /patterns with an answer larger than the workflow carries", () => {
  it("answers 413 naming the detections, alerts and bytes, and stores nothing", async () => {
    const { status, json } = await analyse("SWING", swinging(5000, 3, 0.2));
    expect(status).toBe(413);
    expect(json.detail).toMatch(
      /^the bars give \d+ detections and \d+ alerts, [\d,]+ bytes of answer where the workflow carries at most 262,144; send fewer bars \(nothing was stored\)$/,
    );
    expect((await listPatterns({ symbol: "SWING", limit: 10 })).items).toEqual([]);
    const alerts = await call("/alerts?symbol=SWING", { key: "reader" });
    expect(alerts.json.items).toEqual([]);
  });

  it("analyses a random walk of 5,000 one-minute bars, whose answer with its alerts whole did not fit", async () => {
    let seed = 13;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    let close = 100;
    const bars = Array.from({ length: 5000 }, (_, i) => {
      close *= 1 + (random() - 0.5) * 0.02;
      return {
        time: 1_700_000_000 + 60 * i,
        close: Number(close.toFixed(4)),
        volume: 1000 + Math.floor(random() * 1000),
      };
    });
    const { status, json } = await call("/patterns", {
      key: "analyst",
      body: { symbol: "WALK", interval: "1m", bars },
    });
    expect(status, JSON.stringify(json).slice(0, 300)).toBe(200);
    expect(json.detections.length).toBeGreaterThan(700);
    expect(json.alerts.length).toBeGreaterThan(450);
    // Each alert answered whole, as the API documents it.
    expect(json.alerts[0]).toMatchObject({ symbol: "WALK", status: "QUEUED", created: true });
    expect(json.alerts[0].message).toMatch(/confidence \d+$/);
  }, 60_000);

  it("analyses the same swings over fewer bars", async () => {
    const { status, json } = await analyse("SWING", swinging(250, 3, 0.2));
    expect(status).toBe(200);
    expect(json.detections.length).toBeGreaterThan(0);
  });
});
