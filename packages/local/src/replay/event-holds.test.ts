// Where the replay holds: before breakouts and resolutions of detections whose alerts are published
// without approval, detected since the last hold, and never closer together than asked.

import { readFileSync } from "node:fs";
import { decideSeverity, parseBarsCsv, requiresApproval, scanOutcomes } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_REPLAY_FILE } from "../system/paths";
import { eventHolds } from "./event-holds";
import { interleaved } from "./interleave";

const bars = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, 1500);
const index = new Map(bars.map((bar, i) => [bar.time, i]));
/** One series replayed alone: its bar i is the replay's bar i. */
const identity = bars.map((_, i) => i);
/** Each published-without-approval detection's bar and its breakout and resolution bars. */
const told = scanOutcomes(bars).flatMap((d) => {
  const severity = decideSeverity(d.confidence);
  if (severity === null || requiresApproval(severity)) return [];
  const detected = index.get(d.detectedAt) as number;
  return [d.outcome.breakout?.time, d.outcome.resolvedAt]
    .filter((time) => typeof time === "string")
    .map((time) => ({ detected, at: index.get(time as string) as number }));
});

describe("eventHolds", () => {
  it.each([0, 100, 250])(
    "holds only before an event of a detection sent since the last hold (every %i)",
    (every) => {
      const holds = eventHolds([{ bars }], [identity], every);
      expect(holds.length).toBeGreaterThan(0);
      let previous = 0;
      for (const at of holds) {
        expect(at - previous).toBeGreaterThanOrEqual(Math.max(every, 1));
        expect(told.some((event) => event.at === at && event.detected >= previous)).toBe(true);
        previous = at;
      }
    },
  );

  it("with every 0, leaves no event after its detection's bar without a hold between them", () => {
    const holds = eventHolds([{ bars }], [identity], 0);
    for (const { detected, at } of told)
      expect(
        holds.some((hold) => hold > detected && hold <= at),
        `${detected} -> ${at}`,
      ).toBe(true);
  });

  it("places two series' holds where their events are in the interleaved replay", () => {
    // The same bars as two symbols: interleaved, AAA's bar i is the replay's 2i and BBB's 2i + 1.
    const series = [
      { symbol: "AAA", bars },
      { symbol: "BBB", bars },
    ];
    const { positions } = interleaved(series);
    expect(positions[1]?.slice(0, 3)).toEqual([1, 3, 5]);
    const placed = told.flatMap(({ detected, at }) => [
      { detected: 2 * detected, at: 2 * at },
      { detected: 2 * detected + 1, at: 2 * at + 1 },
    ]);
    const holds = eventHolds(series, positions, 0);
    // Each hold before one of the two series' events; every event with a hold between its detection and it.
    for (const at of holds) expect(placed.some((event) => event.at === at)).toBe(true);
    for (const { detected, at } of placed)
      expect(
        holds.some((hold) => hold > detected && hold <= at),
        `${detected} -> ${at}`,
      ).toBe(true);
    // Spaced as asked across the two: never closer than 100 bars of the replay.
    const spaced = eventHolds(series, positions, 100);
    for (const [i, at] of spaced.entries()) expect(at - (spaced[i - 1] ?? 0)).toBeGreaterThanOrEqual(100);
  });
});
