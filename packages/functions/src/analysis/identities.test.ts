// The batch read of stored detections' identities (what the lifecycle step makes alert ids from) agrees
// with the detections as stored, in dynalite.

import assert from "node:assert";
import { detectionRecord, patternAlertId, patternId, scanOutcomes } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { sp500 } from "#test/fixtures";
import { patternIdentities } from "./pattern-reads";
import { savePatterns } from "./repository";

describe("patternIdentities", () => {
  it("reads the code, end and time of each stored detection at once, so its alert id is the raised one's", async () => {
    const bars = sp500().slice(0, 300);
    const found = scanOutcomes(bars).map((d) => ({ ...detectionRecord(d), outcomeAsOf: d.detectedAt }));
    const [absent, ...stored] = found.slice(0, 4);
    assert(absent, "the first 300 bars hold detections");
    const { patterns } = await savePatterns("IDA", "1d", stored, "api", bars);
    const missing = { patternId: patternId("IDA", "1d", absent), detectedAt: absent.detectedAt };
    const keys = [...patterns.map((p) => ({ patternId: p.patternId, detectedAt: p.detectedAt })), missing];
    const identities = await patternIdentities([...keys, ...keys]);
    expect([...identities.keys()].sort()).toEqual(patterns.map((p) => p.patternId).sort());
    for (const [i, pattern] of patterns.entries()) {
      const identity = identities.get(pattern.patternId);
      const { pattern: code, end, detectedAt } = stored[i] ?? {};
      expect(identity).toEqual({ pattern: code, end, detectedAt });
      expect(patternAlertId("IDA", "1d", identity ?? pattern)).toBe(patternAlertId("IDA", "1d", pattern));
    }
    expect(await patternIdentities([])).toEqual(new Map());
  });
});
