// What new bars an alert's page still waits for: any while the outcome is open, then the few past the
// deciding bar while the stream holds every bar since the detection.
import { BARS_AFTER_DECISION } from "@stock-patterns/core/vocabulary";
import { describe, expect, it } from "vitest";
import type { Alert, Outcome } from "../api/types";
import { dailySeries, timeOf } from "../testing/dailySeries";
import { type AlertDetail, following } from "./alertDetail";

const series = dailySeries(40);
const open: Outcome = {
  ceiling: 140,
  floor: 120,
  status: "open",
  breakout: { time: timeOf(series, 22), direction: "up" },
  target: 160,
  resolvedAt: null,
  returns: {},
};
const decided: Outcome = { ...open, status: "target", resolvedAt: timeOf(series, 25) };

/** A followed detection at bar 20 whose chart has bars through bar `last`. */
function detail(outcome: Outcome | undefined, last: number, complete = true): AlertDetail {
  const bars = series.slice(0, last + 1);
  const since = { count: last - 20, held: last - 20, heldFrom: timeOf(series, 0), complete };
  return { alert: { outcome } as Alert, bars, since };
}

describe("following new bars", () => {
  it("follows while the outcome is open", () => {
    expect(following(detail(open, 24))).toBe("open");
  });

  it("follows a decided outcome until BARS_AFTER_DECISION bars past the deciding bar are drawn", () => {
    expect(following(detail(decided, 25))).toBe("decided");
    expect(following(detail(decided, 25 + BARS_AFTER_DECISION - 1))).toBe("decided");
    expect(following(detail(decided, 25 + BARS_AFTER_DECISION))).toBeUndefined();
  });

  it("stops when the stream no longer holds every bar since the detection, or nothing is followed", () => {
    expect(following(detail(decided, 26, false))).toBeUndefined();
    expect(following(detail(undefined, 26))).toBeUndefined();
    expect(following(undefined)).toBeUndefined();
  });
});
