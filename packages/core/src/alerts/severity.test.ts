import { describe, expect, it } from "vitest";
import { decideSeverity, requiresApproval, severityThresholds } from "./severity";

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
