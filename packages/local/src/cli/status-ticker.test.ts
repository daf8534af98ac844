// npm start's status line: its looks at the tables never overlap, and wait after each as long as the pace
// asks for (status-ticker.ts); before, a look was started every second whatever the last was doing.

import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { STATUS_PACE, statusTicker, waitAfter } from "./status-ticker";

/** A look that takes `ms`, recording when each began and ended and how many ran at once. */
function slowLook(ms: number) {
  const record = { running: 0, most: 0, spans: [] as { from: number; to: number }[] };
  const look = async () => {
    record.running++;
    record.most = Math.max(record.most, record.running);
    const from = performance.now();
    await sleep(ms);
    record.spans.push({ from, to: performance.now() });
    record.running--;
  };
  return { record, look };
}

describe("the status line's ticker", () => {
  it("waits a second after a quick look, and four times its time after a slow one", () => {
    expect(waitAfter(30)).toBe(1000);
    expect(waitAfter(2000)).toBe(8000);
    expect(waitAfter(400, { everyMs: 10, share: 0.5 })).toBe(400);
    expect(STATUS_PACE.share).toBe(0.2);
  });

  it("never looks twice at once, and waits after each look as long as the pace asks", async () => {
    const { record, look } = slowLook(40);
    const ticker = statusTicker(look, { everyMs: 5, share: 0.5 });
    await sleep(600);
    await ticker.stop();
    expect(record.most).toBe(1);
    expect(record.spans.length).toBeGreaterThanOrEqual(3);
    for (let at = 1; at < record.spans.length; at++) {
      const before = record.spans[at - 1] as { from: number; to: number };
      const gap = (record.spans[at]?.from ?? 0) - before.to;
      // Timers fire no earlier than asked, give or take Node's rounding to the millisecond.
      expect(gap).toBeGreaterThanOrEqual(waitAfter(before.to - before.from, { everyMs: 5, share: 0.5 }) - 2);
    }
  });

  it("looks now, after the look under way, when asked; and no more once stopped", async () => {
    const { record, look } = slowLook(30);
    const ticker = statusTicker(look, { everyMs: 60_000, share: 1 });
    // The first look is under way: `now` waits for it, then looks again at once.
    await ticker.now();
    expect(record.spans.length).toBe(2);
    expect(record.most).toBe(1);
    await ticker.stop();
    await ticker.now();
    await sleep(50);
    expect(record.spans.length).toBe(2);
  });

  it("goes on after a look that failed", async () => {
    let looks = 0;
    const ticker = statusTicker(
      async () => {
        looks++;
        throw new Error("the tables are going away");
      },
      { everyMs: 5, share: 1 },
    );
    await sleep(100);
    await ticker.stop();
    expect(looks).toBeGreaterThan(1);
  });
});
