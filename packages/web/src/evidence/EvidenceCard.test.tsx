// The evidence card: plain sentences, the edge verdict, and a described bar per status.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { alertDetail } from "../alerts/alertDetail";
import type { Alert, EvidenceFigures } from "../api/types";
import { EvidenceCard } from "./EvidenceCard";
import { outcomeCounts } from "./OutcomeBars";

const horizon = {
  returns: { n: 6, mean: -0.01, upShare: 0.5 },
  baseline: { n: 900, mean: 0.002, upShare: 0.55 },
  lift: 0,
};
const evidence: EvidenceFigures = {
  pattern: "DTOP",
  detections: 8,
  resolved: 6,
  status: { target: 1, failed: 3, stalled: 1, expired: 1 },
  succeeded: 1,
  successRate: 1 / 6,
  successInterval: [0.03, 0.56],
  horizons: { "1": horizon, "5": horizon, "10": horizon, "20": horizon },
};
const alert: Alert = {
  alertId: "alr_1",
  source: "pattern",
  symbol: "SPX",
  interval: "1d",
  severity: "CRITICAL",
  barTime: "2000-10-16",
  createdAt: "2026-11-25T13:00:00Z",
  message: "m",
  status: "PENDING_APPROVAL",
  pattern: "DTOP",
  evidence,
};

describe("the evidence card", () => {
  it("says it in words, calls no edge on 6 returns, and draws a described bar per status", () => {
    const html = renderToStaticMarkup(<EvidenceCard detail={alertDetail(alert)} />);
    expect(html).toContain('<h2 id="evidence-heading">Evidence</h2>');
    expect(html).toContain("Detections on SPX (1d) up to 2000-10-16, this one included (still open)");
    expect(html).toContain(
      "1 of 6 past double tops on SPX broke out down and reached their target: 17%, likely between 3% and 56%.",
    );
    expect(html).toContain('data-edge="tooFew"');
    expect(html).toContain("No edge: only 6 returns over 10 bars known, fewer than 10.");
    expect(html).toContain(
      'role="img" aria-label="How past detections ended: 1 target, 3 failed, 1 stalled, 1 expired, 2 open"',
    );
  });

  it("counts the open ones as detections not yet resolved", () => {
    expect(outcomeCounts(evidence).map(({ count }) => count)).toEqual([1, 3, 1, 1, 2]);
  });

  it("shows the whole evidence an alert POST /patterns raised carries (median and KS too) as it shows the running one", () => {
    const whole = {
      ...evidence,
      horizons: Object.fromEntries(
        Object.entries(evidence.horizons).map(([h, { returns, baseline, lift }]) => [
          h,
          {
            returns: { ...returns, median: -0.008 },
            baseline: { ...baseline, median: 0.001 },
            lift,
            ks: { D: 0.31, p: 0.62 },
          },
        ]),
      ),
    } as EvidenceFigures;
    const html = renderToStaticMarkup(<EvidenceCard detail={alertDetail({ ...alert, evidence: whole })} />);
    expect(html).not.toContain("No evidence came with this alert.");
    expect(html).toBe(renderToStaticMarkup(<EvidenceCard detail={alertDetail(alert)} />));
  });

  it("says when no evidence came with the alert", () => {
    const html = renderToStaticMarkup(
      <EvidenceCard detail={alertDetail({ ...alert, evidence: undefined })} />,
    );
    expect(html).toContain("No evidence came with this alert.");
  });
});
