// POST /patterns on series whose evidence holds numbers below DynamoDB's least magnitude (1e-130): a KS
// test of a long regular series gives p-values far smaller. Stored as computed, the analysis failed after
// storing half its work and answered 202 MANUAL_REVIEW, its alerts never raised; now such a number is
// stored as 0 (aws/number-underflow.ts) and the answer keeps it as computed.

import type { Evidence } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { listPatterns } from "#analysis";
import { call } from "#test/http";

/** `count` daily bars of a saw: closes 100 to 106 and back to 100, every seventh bar the low. */
function saw(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    time: 1_577_923_200 + 86_400 * i,
    close: 100 + (i % 7),
  }));
}

/** Every KS p of an evidence list. */
const ksPs = (evidence: readonly Evidence[]) =>
  evidence.flatMap((e) => Object.values(e.horizons).flatMap((h) => (h.ks ? [h.ks.p] : [])));

describe("POST /patterns with evidence below DynamoDB's least number", () => {
  const analyse = () =>
    call("/patterns", { key: "analyst", body: { symbol: "SAWTINY", interval: "1d", bars: saw(2000) } });

  it("answers 200, stores every detection, raises its alerts with the tiny numbers stored as 0", async () => {
    const { status, json } = await analyse();
    expect(status, JSON.stringify(json).slice(0, 300)).toBe(200);
    expect(Math.min(...ksPs(json.evidence))).toBeLessThan(1e-130);
    const { items } = await listPatterns({ symbol: "SAWTINY", limit: 1000 });
    expect(items.length).toBe(json.detections.length);

    const alertIds: string[] = json.alerts.map((a: { alertId: string }) => a.alertId);
    expect(alertIds.length).toBeGreaterThan(0);
    const stored = await Promise.all(alertIds.map((id) => getAlert(id)));
    expect(stored).toHaveLength(alertIds.length);
    const storedPs = ksPs(
      stored.flatMap((a) => (a?.evidence && "horizons" in a.evidence ? [a.evidence as Evidence] : [])),
    );
    expect(storedPs).toContain(0);
    expect(storedPs.every((p) => p === 0 || p >= 1e-130)).toBe(true);

    // Analysed again: the same alerts, nothing refused on the way.
    const again = await analyse();
    expect(again.status).toBe(200);
    expect(again.json.alerts.map((a: { alertId: string }) => a.alertId)).toEqual(alertIds);
  });
});
