// The score reads its tolerances from the detector's own constants: with other values (mocked here, so a
// restated literal would show), a shape's score follows them, each family from its own constant.
import { describe, expect, it, vi } from "vitest";
import { DOUBLE_TOLERANCE_PCT, SHOULDER_TOLERANCE_PCT } from "../engine/spec";
import { confidence } from "./confidence";

vi.mock("../engine/spec", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../engine/spec")>()),
  SHOULDER_TOLERANCE_PCT: 3,
  DOUBLE_TOLERANCE_PCT: 6,
}));

/** The score without volume when every part but one "within x%" condition is clean. */
const scoreWith = (conditions: readonly number[]) => {
  const fit = conditions.reduce((sum, c) => sum + c, 0) / conditions.length;
  return Math.round((100 * (0.6 * fit + 0.25)) / 0.85);
};

describe("confidence tolerances", () => {
  it("runs on the mocked constants", () => {
    expect([SHOULDER_TOLERANCE_PCT, DOUBLE_TOLERANCE_PCT]).toEqual([3, 6]);
  });

  it("scores head-and-shoulders shoulders against SHOULDER_TOLERANCE_PCT", () => {
    // Shoulders 1.5% either side of their mean 100: half-way to a 3% tolerance.
    const hs = { prices: [98.5, 90, 120, 90, 101.5], positions: [6, 13, 20, 27, 34], firstIsMax: true };
    const half = 1 - 1.5 / SHOULDER_TOLERANCE_PCT;
    expect(confidence({ code: "HS", ...hs })).toBe(scoreWith([half, 1, 1]));
    const ihs = { prices: [101.5, 110, 80, 110, 98.5], positions: [6, 13, 20, 27, 34], firstIsMax: false };
    expect(confidence({ code: "IHS", ...ihs })).toBe(scoreWith([half, 1, 1]));
  });

  it("scores a double top's pair against DOUBLE_TOLERANCE_PCT, not the shoulders' constant", () => {
    const pair = { prices: [97, 103], positions: [5, 38], firstIsMax: true };
    const fit = 1 - 3 / DOUBLE_TOLERANCE_PCT;
    expect(confidence({ code: "DTOP", ...pair })).toBe(scoreWith([fit]));
    expect(confidence({ code: "DBOT", ...pair, firstIsMax: false })).toBe(scoreWith([fit]));
  });
});
