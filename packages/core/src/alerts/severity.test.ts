import { describe, expect, it } from "vitest";
import {
  confidenceBand,
  DEFAULT_SEVERITY_THRESHOLDS,
  decideSeverity,
  requiresApproval,
  SEVERITIES,
  severityThresholds,
} from "./severity";

describe("alert decision", () => {
  it("maps confidence to severity at the default thresholds, inclusive", () => {
    expect([100, 90, 89.9, 75, 74, 60, 59.9, 0].map((c) => decideSeverity(c))).toEqual([
      "CRITICAL",
      "CRITICAL",
      "HIGH",
      "HIGH",
      "MEDIUM",
      "MEDIUM",
      null,
      null,
    ]);
  });

  it("takes configured thresholds and validates them", () => {
    const strict = severityThresholds({ critical: 95, high: 85, medium: 70 });
    expect(decideSeverity(92, strict)).toBe("HIGH");
    expect(() => severityThresholds({ critical: 80, high: 85, medium: 70 })).toThrow(
      /critical >= high >= medium/,
    );
    expect(() => severityThresholds({ critical: 101, high: 85, medium: 70 })).toThrow(/critical threshold/);
  });

  it("holds only CRITICAL alerts for approval", () => {
    expect(requiresApproval("CRITICAL")).toBe(true);
    expect(requiresApproval("HIGH")).toBe(false);
  });
});

describe("confidence bands", () => {
  it("names the bands the severities use (the metric dimension)", () => {
    expect([100, 90, 89, 75, 74, 60, 59, 0].map((c) => confidenceBand(c))).toEqual([
      "90-100",
      "90-100",
      "75-89",
      "75-89",
      "60-74",
      "60-74",
      "0-59",
      "0-59",
    ]);
  });

  it("moves with the thresholds: one band per severity and one below", () => {
    const strict = { critical: 95, high: 85, medium: 70 };
    expect([96, 90, 75, 10].map((c) => confidenceBand(c, strict))).toEqual([
      "95-100",
      "85-94",
      "70-84",
      "0-69",
    ]);
    for (const confidence of [0, 59, 60, 74.5, 75, 89, 90, 100]) {
      const severity = decideSeverity(confidence);
      const band = confidenceBand(confidence);
      const floor = Number(band.split("-")[0]);
      expect(floor).toBe(severity ? DEFAULT_SEVERITY_THRESHOLDS[severity.toLowerCase() as "high"] : 0);
    }
    expect(SEVERITIES.map((s) => s.toLowerCase()).sort()).toEqual(
      Object.keys(DEFAULT_SEVERITY_THRESHOLDS).sort(),
    );
  });
});
