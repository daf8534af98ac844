import { decideSeverity, PATTERN_NAMES, patternAlertId } from "@stock-patterns/core";
import type { GradedDetection } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import type { AlertSummary } from "#alerts";
import { packAlerts, unpackAlerts } from "./alert-answers";

const detection = (detectedAt: string, confidence: number): GradedDetection => ({
  patternId: `pat_${detectedAt}`,
  pattern: "HS",
  name: PATTERN_NAMES.HS,
  start: "2024-01-02",
  end: "2024-02-01",
  detectedAt,
  confidence,
  severity: decideSeverity(confidence),
});

describe("packAlerts and unpackAlerts", () => {
  const detections = [detection("2024-02-05", 95), detection("2024-02-06", 10), detection("2024-02-07", 70)];
  const [alerting, , other] = detections as [GradedDetection, GradedDetection, GradedDetection];
  const idOf = (d: GradedDetection) => patternAlertId("SPX", "1d", d);

  it("answers a new alert as {} and a known one as what differs, and gives each back whole", () => {
    const summaries: AlertSummary[] = [
      {
        alertId: idOf(alerting),
        severity: "CRITICAL",
        symbol: "SPX",
        message: `head-and-shoulders (HS) ending 2024-02-01, confidence 95`,
        barTime: "2024-02-05",
        status: "QUEUED",
        created: true,
      },
      // Known: an earlier release's id, its own status and message.
      {
        alertId: "alr_earlier",
        severity: other.severity ?? "MEDIUM",
        symbol: "SPX",
        message: "an older wording",
        barTime: "2024-02-07",
        status: "PUBLISHED",
        created: false,
      },
    ];
    const packed = packAlerts("SPX", "1d", detections, summaries);
    expect(packed).toEqual([
      {},
      { alertId: "alr_earlier", message: "an older wording", status: "PUBLISHED", created: false },
    ]);
    expect(unpackAlerts("SPX", "1d", detections, packed)).toEqual(summaries);
  });

  it("refuses answers that do not pair with the alerting detections", () => {
    expect(() => packAlerts("SPX", "1d", detections, [])).toThrow(
      "0 alerts answered for 2 alerting detections",
    );
    expect(() => unpackAlerts("SPX", "1d", detections, [{}])).toThrow(
      "1 alert answers for 2 alerting detections",
    );
  });
});
