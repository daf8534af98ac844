// One instant is one bar however its time is written: a date, a datetime in UTC or at an offset, epoch
// seconds or milliseconds. Two consumers applying the same bars from one window, one as the producer first
// wrote them and one as it resent them in another spelling, stored each detection twice (its id hashed the
// time's text): now the ids hash the instant, so the resend stores nothing new.

import { type Bar, scanOutcomes, timeValue } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { listPatterns } from "#analysis";
import { sp500 } from "#test/fixtures";
import { applyBars } from "./apply-bars";
import { loadWindow } from "./repository";

/** The same instant in other spellings (each a time the stream takes). */
const SPELLINGS: Record<string, (time: string) => string> = {
  datetime: (time) => `${time}T00:00:00Z`,
  "epoch seconds": (time) => String(timeValue(time) / 1000),
  "epoch milliseconds": (time) => String(timeValue(time)),
  "an offset": (time) => new Date(timeValue(time) - 5 * 3_600_000).toISOString().replace("Z", "-05:00"),
};

const bars = sp500().slice(0, 400);
const respelled = (list: readonly Bar[], spell: (time: string) => string) =>
  list.map((bar) => ({ ...bar, time: spell(bar.time) }));

describe("a resend of bars in another spelling of their times", () => {
  it.each(Object.entries(SPELLINGS))("stores each detection once when written as %s", async (name, spell) => {
    const symbol = `SP${name.replaceAll(" ", "").slice(0, 6).toUpperCase()}`;
    await applyBars(symbol, "1d", bars.slice(0, 300));
    const window = await loadWindow(symbol, "1d");
    // Both read the same window (a retried and a concurrent delivery): each finds the batch's detections.
    const [first, resent] = await Promise.all([
      applyBars(symbol, "1d", bars.slice(300), { window }),
      applyBars(symbol, "1d", respelled(bars.slice(300), spell), { window }),
    ]);
    expect(first.applied + resent.applied).toBe(100);

    const found = scanOutcomes(bars).filter(
      (d) => timeValue(d.detectedAt) >= timeValue(bars[300]?.time ?? ""),
    );
    expect(found.length).toBeGreaterThan(0);
    const stored = (await listPatterns({ symbol, limit: 1000 })).items.filter(
      (p) => timeValue(p.detectedAt) >= timeValue(bars[300]?.time ?? ""),
    );
    expect(stored.map((p) => `${p.pattern}@${timeValue(p.detectedAt)}`).sort()).toEqual(
      found.map((d) => `${d.pattern}@${timeValue(d.detectedAt)}`).sort(),
    );
  });
});
