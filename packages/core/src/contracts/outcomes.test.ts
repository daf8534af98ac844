// The outcome and evidence schemas read exactly what the engine writes: parsing keeps every field
// (zod drops unknown keys, so equality also shows the schemas name every field) and accepts every value.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { itemAt } from "../engine/indexed";
import { evidenceOf, outcomeRecord, parseBarsCsv, StreamingDetector, scanOutcomes } from "../index";
import { evidenceSchema, outcomeSchema, runningEvidenceSchema } from "./outcomes";

const bars = parseBarsCsv(readFileSync(new URL("../../../../data/sp500-2000.csv", import.meta.url), "utf8"));

describe("outcome and evidence contracts", () => {
  it("read the outcomes and evidence of the S&P 500 sample unchanged", () => {
    const detections = scanOutcomes(bars);
    expect(detections.length).toBeGreaterThan(20);
    for (const { outcome } of detections) {
      const record = outcomeRecord(outcome);
      expect(outcomeSchema.parse(record)).toEqual(record);
    }
    const evidence = evidenceOf([{ bars, detections }]);
    expect(evidence.length).toBeGreaterThan(3);
    for (const e of evidence) expect(evidenceSchema.parse(e)).toEqual(e);
  });

  it("read the stream's running evidence unchanged, and refuse a status that is not one", () => {
    const detector = new StreamingDetector({ outcomes: true });
    const running = bars.flatMap((bar) => detector.advance(bar).detections);
    expect(running.length).toBeGreaterThan(20);
    for (const { evidence } of running) expect(runningEvidenceSchema.parse(evidence)).toEqual(evidence);
    const outcome = { ...itemAt(running, 0).outcome, status: "won" };
    expect(outcomeSchema.safeParse(outcome).success).toBe(false);
  });
});
