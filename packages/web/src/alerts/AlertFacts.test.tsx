// The alert page's facts, extrema table and history rows, rendered with React's server renderer.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Alert } from "../api/types";
import { AlertChart } from "./AlertChart";
import { AlertFacts } from "./AlertFacts";
import { AlertList } from "./AlertList";
import { alertDetail } from "./alertDetail";

/** An alert as GET /alerts/{alertId} answers it, with its detection. */
const alert: Alert = {
  alertId: "alr_1",
  source: "pattern",
  symbol: "SPX",
  interval: "1d",
  severity: "CRITICAL",
  barTime: "2000-03-24",
  createdAt: "2026-11-25T13:00:00Z",
  message: "head-and-shoulders (HS) ending 2000-03-15, confidence 93.4",
  status: "PENDING_APPROVAL",
  pattern: "HS",
  confidence: 93.4,
  patternId: "pat_1",
  patternName: "head-and-shoulders",
  detection: {
    pattern: "HS",
    start: "2000-03-01",
    end: "2000-03-15",
    detectedAt: "2000-03-24",
    confidence: 93.4,
    extrema: [
      { time: "2000-03-08", price: 1350, kind: "min" },
      { time: "2000-03-01", price: 1400, kind: "max" },
    ],
  },
};

describe("alert facts", () => {
  it("show the code and name, symbol, confidence, severity, status and detection time", () => {
    const html = renderToStaticMarkup(<AlertFacts detail={alertDetail(alert)} />);
    expect(html).toContain("HS · head-and-shoulders");
    expect(html).toContain("SPX (1d)");
    // A score of the shape out of 100, not a chance of success: never written as a percentage.
    expect(html).toContain(
      '<dd data-field="confidence">93/100 <span class="hint">(how clean the shape is, not a chance of success)</span></dd>',
    );
    expect(html).toContain(">CRITICAL<");
    expect(html).toContain('data-status="PENDING_APPROVAL"');
    expect(html).toContain("2000-03-24");
    expect(html).toContain("2000-03-01 → 2000-03-15");
    expect(html).toContain("head-and-shoulders (HS) ending 2000-03-15, confidence 93.4");
  });

  it("write a daily alert's bar times as dates, also when they come as ISO midnights (the stream's)", () => {
    const midnight = (date: string) => `${date}T00:00:00.000Z`;
    const streamed: Alert = {
      ...alert,
      barTime: midnight("2000-03-24"),
      detection: {
        ...(alert.detection as NonNullable<Alert["detection"]>),
        start: midnight("2000-03-01"),
        end: midnight("2000-03-15"),
        detectedAt: midnight("2000-03-24"),
        extrema: [{ time: midnight("2000-03-01"), price: 1400, kind: "max" }],
      },
    };
    const facts = renderToStaticMarkup(<AlertFacts detail={alertDetail(streamed)} />);
    expect(facts).toContain('<dd data-field="detectedAt">2000-03-24</dd>');
    expect(facts).toContain("<dd>2000-03-01 → 2000-03-15</dd>");
    const chart = renderToStaticMarkup(<AlertChart detail={alertDetail(streamed)} />);
    expect(chart).toContain('<th scope="row">E1</th><td>2000-03-01</td>');
    const hourly = renderToStaticMarkup(<AlertFacts detail={alertDetail({ ...streamed, interval: "1h" })} />);
    expect(hourly).toContain('<dd data-field="detectedAt">2000-03-24 00:00 UTC</dd>');
  });

  it("say what a threshold alert measured, which has no pattern to draw", () => {
    const threshold: Alert = {
      ...alert,
      source: "threshold",
      pattern: undefined,
      patternId: undefined,
      patternName: undefined,
      detection: undefined,
      confidence: undefined,
      rule: "priceMove",
      message: "SPX moved 6.1% in one bar",
      measures: { movePct: 6.1 },
    };
    const html = renderToStaticMarkup(<AlertFacts detail={alertDetail(threshold)} />);
    expect(html).toContain("threshold: priceMove");
    expect(html).toContain("SPX moved 6.1% in one bar");
    expect(html).toContain('<dd data-field="measures">movePct 6.1</dd>');
  });

  it("list the extrema in time order in a captioned table, and explain a chart without candles", () => {
    const html = renderToStaticMarkup(<AlertChart detail={alertDetail(alert)} />);
    expect(html).toContain("<caption>Extrema of the pattern</caption>");
    expect(html).toContain('<th scope="row">E1</th><td>2000-03-01</td><td>max</td><td>1400</td>');
    expect(html).toContain('<th scope="row">E2</th><td>2000-03-08</td><td>min</td><td>1350</td>');
    expect(html).toContain("The API sent no bars for this alert: the chart joins the extrema only");
  });

  it("link each alert of the history to its page", () => {
    const html = renderToStaticMarkup(
      <AlertList alerts={[alert, { ...alert, alertId: "alr_2", confidence: undefined }]} />,
    );
    expect(html).toContain('href="#/alerts/alr_1"');
    expect(html).toContain('data-label="Confidence">93/100');
    expect(html).toContain('data-label="Confidence">—');
  });
  it("show in each history row the bar the alert is about, not only when it was raised", () => {
    // A back-test raises every alert in the same minute: the bar is what tells them apart.
    const replayed = [
      { ...alert, barTime: "2000-08-28T00:00:00.000Z", createdAt: "2026-12-05T09:00:01Z" },
      {
        ...alert,
        alertId: "alr_2",
        interval: "1h",
        barTime: "2026-10-06T14:00:00Z",
        createdAt: "2026-12-05T09:00:02Z",
      },
    ];
    const html = renderToStaticMarkup(<AlertList alerts={replayed} />);
    expect(html).toContain('<th scope="col">Detected</th>');
    expect(html).toContain('<td data-label="Detected">2000-08-28</td>');
    expect(html).toContain('<td data-label="Detected">2026-10-06 14:00 UTC</td>');
    expect(html).toContain('<td data-label="Raised">2026-12-05 09:00 UTC</td>');
  });
});

describe("alert detail", () => {
  it("takes the detection and name as given and reads the bars in either shape", () => {
    const bars = [["2000-03-23", 1500, 1000], { time: "2000-03-24", close: 1510 }];
    const detail = alertDetail({ ...alert, bars });
    expect(detail.patternName).toBe("head-and-shoulders");
    expect(detail.bars.map((bar) => [bar.time, bar.close])).toEqual([
      ["2000-03-23", 1500],
      ["2000-03-24", 1510],
    ]);
    expect(alertDetail({ ...alert, detection: undefined, patternName: undefined }).bars).toEqual([]);
  });
});
