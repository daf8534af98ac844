// GET /alerts/{alertId} and GET /patterns after the stream followed a series: every stored detection
// carries the batch scan's outcome, every alert its detection's outcome and the evidence known at its
// detectedAt, and both are declared in the answer schemas (the OpenAPI document is built from them).

import { evidenceOf, outcomeRecord, scanOutcomes } from "@stock-patterns/core";
import { alertDetailSchema, storedPatternSchema } from "@stock-patterns/core/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StreamReader } from "#test/aws";
import { running } from "#test/evidence";
import { sp500 } from "#test/fixtures";
import { call } from "#test/http";
import { replaySeries } from "#test/stream-replay";

const bars = sp500().slice(0, 900);
const batch = scanOutcomes(bars);
const keyOf = (d: { pattern: string; detectedAt: string }) => `${d.pattern}@${d.detectedAt}`;
const batchOutcome = new Map(batch.map((d) => [keyOf(d), outcomeRecord(d.outcome)]));

const reader = new StreamReader();
beforeAll(async () => {
  await replaySeries(reader, { OUTA: bars });
}, 120_000);
afterAll(() => reader.close());

describe("outcomes and evidence in the API's answers", () => {
  it("GET /alerts/{alertId} answers the detection's outcome and the alert's evidence as of detectedAt", async () => {
    const list = await call("/alerts?symbol=OUTA&limit=100", { key: "reader" });
    expect(list.status).toBe(200);
    const alertIds: string[] = list.json.items.map((a: { alertId: string }) => a.alertId);
    expect(alertIds.length).toBeGreaterThan(3);
    let resolved = 0;
    for (const alertId of alertIds) {
      const { status, json } = await call(`/alerts/${alertId}`, { key: "reader" });
      expect(status).toBe(200);
      const key = keyOf(json.detection);
      expect(json.outcome, key).toEqual(batchOutcome.get(key));
      expect(json.outcomeAsOf >= json.detection.detectedAt, key).toBe(true);
      if (json.outcome.status !== "open") resolved++;
      const known = evidenceOf([{ bars, detections: batch }], json.detection.detectedAt);
      expect(json.evidence, key).toEqual(running(known.find((e) => e.pattern === json.pattern) as never));
      // Declared, not merely passed through: the schema keeps them (zod drops undeclared fields).
      const declared = alertDetailSchema.parse(json);
      expect(declared.outcome).toEqual(json.outcome);
      expect(declared.outcomeAsOf).toBe(json.outcomeAsOf);
      expect(declared.evidence).toEqual(json.evidence);
    }
    expect(resolved).toBeGreaterThan(0);
  });

  it("GET /patterns answers each stored detection with its outcome", async () => {
    const { status, json } = await call("/patterns?symbol=OUTA&limit=100", { key: "reader" });
    expect(status).toBe(200);
    expect(json.items).toHaveLength(batch.length);
    for (const item of json.items) {
      expect(item.outcome, keyOf(item)).toEqual(batchOutcome.get(keyOf(item)));
      const declared = storedPatternSchema.parse(item);
      expect(declared.outcome).toEqual(item.outcome);
      expect(declared.outcomeAsOf).toBe(item.outcomeAsOf);
    }
  });

  it("declares outcome and outcomeAsOf in the OpenAPI document's AlertDetail and StoredPattern", async () => {
    const { json } = await call("/openapi.json");
    for (const name of ["AlertDetail", "StoredPattern"]) {
      const properties = json.components.schemas[name].properties;
      expect(Object.keys(properties), name).toEqual(expect.arrayContaining(["outcome", "outcomeAsOf"]));
      expect(properties.outcome.properties.status.enum, name).toEqual(
        expect.arrayContaining(["open", "target", "failed", "stalled", "expired"]),
      );
    }
  });
});
