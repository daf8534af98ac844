// The batch read of stored detections' identities (what the lifecycle step makes alert ids from) agrees
// with the detections as stored, in dynalite.

import { type Detection, patternAlertId, patternId } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { patternIdentities, savePatterns } from "./repository";

const detection = (day: number, pattern: Detection["pattern"]): Detection => ({
  pattern,
  start: "2024-03-01",
  end: `2024-03-${String(day).padStart(2, "0")}`,
  detectedAt: `2024-03-${String(day + 2).padStart(2, "0")}`,
  extrema: [],
  confidence: 70,
});

describe("patternIdentities", () => {
  it("reads the code, end and time of each stored detection at once, so its alert id is the raised one's", async () => {
    const stored = [detection(10, "DTOP"), detection(12, "HS"), detection(14, "DBOT")];
    const { patterns } = await savePatterns("IDA", "1d", stored, "api");
    const missing = { patternId: patternId("IDA", "1d", detection(20, "HS")), detectedAt: "2024-03-22" };
    const keys = [...patterns.map((p) => ({ patternId: p.patternId, detectedAt: p.detectedAt })), missing];
    const identities = await patternIdentities([...keys, ...keys]);
    expect([...identities.keys()].sort()).toEqual(patterns.map((p) => p.patternId).sort());
    for (const [i, pattern] of patterns.entries()) {
      const identity = identities.get(pattern.patternId);
      expect(identity).toEqual({
        pattern: stored[i]?.pattern,
        end: stored[i]?.end,
        detectedAt: stored[i]?.detectedAt,
      });
      expect(patternAlertId("IDA", "1d", identity as Detection)).toBe(patternAlertId("IDA", "1d", pattern));
    }
    expect(await patternIdentities([])).toEqual(new Map());
  });
});
