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

/** The whole evidence (PATTERNS.md "Evidence", as POST /patterns stores it): the same with medians and KS. */
function whole(ks: { D: number; p: number } | null = { D: 0.31, p: 0.62 }, n = 6): EvidenceFigures {
  const horizons = Object.fromEntries(
    Object.entries(evidence.horizons).map(([h, { returns, baseline, lift }]) => [
      h,
      {
        returns: { ...returns, n, mean: n ? returns.mean : null, median: n ? -0.008 : null },
        baseline: { ...baseline, median: 0.001 },
        lift,
        ks,
      },
    ]),
  );
  return { ...evidence, horizons } as EvidenceFigures;
}

/** The element that carries `attribute`, as markup (its opening tag through the next closing one). */
function between(html: string, attribute: string): string {
  const start = html.indexOf(attribute);
  return html.slice(start, html.indexOf("</", start));
}

describe("the evidence card", () => {
  it("says it in words, calls no edge on 6 returns, and draws a described bar per status", () => {
    const html = renderToStaticMarkup(<EvidenceCard detail={alertDetail(alert)} />);
    expect(html).toContain('<h2 id="evidence-heading">Evidence</h2>');
    expect(html).toContain("Detections on SPX (1d) up to 2000-10-16, this one included (still open)");
    expect(html).toContain(
      "1 of 6 past double tops on SPX broke out down, the pattern&#x27;s direction, and reached their target: 17%, likely between 3% and 56%.",
    );
    expect(html).toContain('data-edge="tooFew"');
    expect(html).toContain("No edge: only 6 returns over 10 bars known, fewer than 10.");
    expect(html).toContain(
      'role="img" aria-label="How past detections ended: 1 target (1 after a breakout down, the pattern&#x27;s direction), 3 failed, 1 stalled, 1 expired, 2 open"',
    );
  });

  it("counts the open ones as detections not yet resolved", () => {
    expect(outcomeCounts(evidence).map(({ count }) => count)).toEqual([1, 3, 1, 1, 2]);
  });

  it("says the running evidence leaves out medians and the KS test, and shows no cell for them", () => {
    const html = renderToStaticMarkup(<EvidenceCard detail={alertDetail(alert)} />);
    expect(html).toContain('data-evidence="kind" data-kind="running"');
    expect(html).toContain(
      "The running evidence the market-data stream keeps: counts, shares and means only, so no medians and no Kolmogorov–Smirnov test (the stream keeps no single returns to take them from).",
    );
    expect(html).not.toContain('data-evidence="distribution"');
    expect(html).not.toMatch(/Median|NaN|undefined|null/);
  });

  it("shows the whole evidence an alert POST /patterns raised carries, its medians and KS test labelled", () => {
    const html = renderToStaticMarkup(<EvidenceCard detail={alertDetail({ ...alert, evidence: whole() })} />);
    expect(html).toContain('data-evidence="kind" data-kind="whole"');
    expect(html).toContain(
      "The whole evidence, counted from the series&#x27; bars when the alert was raised: medians and a Kolmogorov–Smirnov test included.",
    );
    expect(html).toContain(
      "Median over the next 10 bars: −0.80% after the pattern, against +0.10% after any bar. Kolmogorov–Smirnov D = 0.31, p = 0.62 (how likely a gap this wide would be if the pattern&#x27;s returns were like any bar&#x27;s), over only 6 returns: too few to mean anything yet.",
    );
    // The counts, shares and means read as they do for the running evidence.
    const running = renderToStaticMarkup(<EvidenceCard detail={alertDetail(alert)} />);
    for (const figure of ["success", "returns", "edge"])
      expect(between(html, `data-evidence="${figure}"`)).toBe(between(running, `data-evidence="${figure}"`));
    expect(html).not.toMatch(/NaN|undefined|null/);
  });

  it("writes a whole evidence's small p as under 0.01, and says so when no 10-bar return is known yet", () => {
    const sure = whole({ D: 0.42, p: 0.0004 }, 40);
    expect(
      renderToStaticMarkup(<EvidenceCard detail={alertDetail({ ...alert, evidence: sure })} />),
    ).toContain(
      "Kolmogorov–Smirnov D = 0.42, p &lt; 0.01 (how likely a gap this wide would be if the pattern&#x27;s returns were like any bar&#x27;s).",
    );
    const none = whole(null, 0);
    const html = renderToStaticMarkup(<EvidenceCard detail={alertDetail({ ...alert, evidence: none })} />);
    expect(html).toContain(
      "Median over the next 10 bars: no return known yet after this pattern, so no Kolmogorov–Smirnov test either.",
    );
    expect(html).not.toMatch(/NaN|undefined|null/);
  });

  it("says when no evidence came with the alert", () => {
    const html = renderToStaticMarkup(
      <EvidenceCard detail={alertDetail({ ...alert, evidence: undefined })} />,
    );
    expect(html).toContain("No evidence came with this alert.");
  });
});

describe("the evidence card's sentence and its chart, for a code that claims a direction", () => {
  // As the audit saw it: 3 targets reached, 1 of them after a breakout up, against the head-and-shoulders' claim.
  const against: EvidenceFigures = {
    ...evidence,
    pattern: "HS",
    detections: 12,
    resolved: 11,
    status: { target: 3, failed: 5, stalled: 2, expired: 1 },
    succeeded: 2,
    successRate: 2 / 11,
    successInterval: [0.05, 0.48],
  };
  const html = renderToStaticMarkup(
    <EvidenceCard detail={alertDetail({ ...alert, pattern: "HS", evidence: against })} />,
  );

  it("says the sentence counts targets in the pattern's direction only", () => {
    expect(html).toContain(
      "2 of 11 past head-and-shoulders on SPX broke out down, the pattern&#x27;s direction, and reached their target: 18%, likely between 5% and 48%.",
    );
  });

  it("splits the target bar by breakout direction, its claimed part the sentence's count", () => {
    const bar = between(html, 'data-status="target"');
    expect(bar).toContain('data-count="3"');
    expect(html).toMatch(/data-direction="down" data-claimed="true" data-count="2"/);
    expect(html).toMatch(/data-direction="up" data-claimed="false" data-count="1"/);
    expect(html).toContain(
      'aria-label="How past detections ended: 3 target (2 after a breakout down, the pattern&#x27;s direction; 1 up, against it), 5 failed, 2 stalled, 1 expired, 1 open"',
    );
  });

  it("says under the chart how the target bar's count and the sentence's differ", () => {
    expect(html).toContain(
      "The target bar counts every target reached, whichever way the breakout went: 3, of which 2 broke out down, the pattern&#x27;s direction (the successes above), and 1 broke out up, against it.",
    );
  });

  it("says so when every target reached came the pattern's way", () => {
    const all = renderToStaticMarkup(<EvidenceCard detail={alertDetail(alert)} />);
    expect(all).toContain(
      "Every target reached (1) broke out down, the pattern&#x27;s direction: the target bar&#x27;s count is the successes above.",
    );
    expect(all).toMatch(/data-direction="down" data-claimed="true" data-count="1"/);
    expect(all).not.toContain('data-claimed="false"');
  });
});

describe("the evidence card for a code that claims no direction", () => {
  // A triangle top may break either way: every target reached is a success, so the bar and the sentence agree.
  const either: EvidenceFigures = {
    ...evidence,
    pattern: "TTOP",
    detections: 12,
    resolved: 11,
    status: { target: 3, failed: 5, stalled: 2, expired: 1 },
    succeeded: 3,
    successRate: 3 / 11,
    successInterval: [0.1, 0.57],
  };
  const html = renderToStaticMarkup(
    <EvidenceCard detail={alertDetail({ ...alert, pattern: "TTOP", evidence: either })} />,
  );

  it("counts in the sentence exactly the target bar's count, unsplit", () => {
    expect(html).toContain(
      "3 of 11 past triangle tops on SPX reached their target: 27%, likely between 10% and 57%.",
    );
    expect(between(html, 'data-status="target"')).toContain('data-count="3"');
    expect(html).not.toMatch(/data-direction|data-evidence="targets"/);
    expect(html).toContain(
      'aria-label="How past detections ended: 3 target, 5 failed, 2 stalled, 1 expired, 1 open"',
    );
  });
});
