import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Alert } from "../api/types";
import { AlertChart } from "./AlertChart";
import { AlertFacts } from "./AlertFacts";
import { AlertList } from "./AlertList";

const alert: Alert = {
  alertId: "SPX-1d-HS-2000-03-24",
  symbol: "SPX",
  interval: "1d",
  pattern: "HS",
  patternName: "head-and-shoulders",
  severity: "CRITICAL",
  confidence: 93.4,
  status: "PENDING",
  createdAt: "2026-11-25T13:00:00Z",
  detectedAt: "2000-03-24",
  extrema: [
    { time: "2000-03-01", price: 1400, kind: "max" },
    { time: "2000-03-08", price: 1350, kind: "min" },
  ],
};

describe("alert facts", () => {
  it("show the code and name, symbol, confidence, severity, status and detection time", () => {
    const html = renderToStaticMarkup(<AlertFacts alert={alert} />);
    expect(html).toContain("HS · head-and-shoulders");
    expect(html).toContain("SPX (1d)");
    expect(html).toContain("93%");
    expect(html).toContain(">CRITICAL<");
    expect(html).toContain('data-status="PENDING"');
    expect(html).toContain("2000-03-24");
  });

  it("list the extrema in a captioned table and explain a missing chart", () => {
    const html = renderToStaticMarkup(<AlertChart alert={alert} />);
    expect(html).toContain("<caption>Extrema of the pattern</caption>");
    expect(html).toContain('<th scope="row">E2</th><td>2000-03-08</td><td>min</td><td>1350</td>');
    expect(html).toContain("No bars came with this alert");
  });

  it("link each alert of the history to its page", () => {
    const html = renderToStaticMarkup(<AlertList alerts={[alert]} />);
    expect(html).toContain('href="#/alerts/SPX-1d-HS-2000-03-24"');
    expect(html).toContain('data-label="Confidence">93%');
  });
});
