// The lifecycle in words and on the page: each step with its time, or why it has none.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { alertDetail } from "../alerts/alertDetail";
import type { Alert, Outcome } from "../api/types";
import { Lifecycle } from "./Lifecycle";
import { isLive, lifecycleSteps } from "./lifecycle";

const open: Outcome = {
  ceiling: 1527.46,
  floor: 1400,
  status: "open",
  breakout: null,
  target: null,
  resolvedAt: null,
  returns: {},
};
const brokeDown: Outcome = {
  ...open,
  breakout: { time: "2000-04-03", direction: "down" },
  target: 1272.54,
};

describe("lifecycle steps", () => {
  it("wait for a breakout with the levels that would make one", () => {
    const steps = lifecycleSteps("HS", "2000-03-24", open);
    expect(steps.map(({ step, state }) => [step, state])).toEqual([
      ["detected", "done"],
      ["breakout", "waiting"],
      ["resolved", "waiting"],
    ]);
    expect(steps[1]?.words).toBe(
      "Waiting for a close above 1527.46 or below 1400 (up to 35 bars after detection).",
    );
    expect(isLive(open)).toBe(true);
  });

  it("say which way it broke out, against the claim or with it, and how it ended", () => {
    const target = lifecycleSteps("HS", "2000-03-24", {
      ...brokeDown,
      status: "target",
      resolvedAt: "2000-04-14",
    });
    expect(target[1]).toEqual({
      step: "breakout",
      state: "done",
      time: "2000-04-03",
      words: "Closed below the floor 1400, as the pattern claims. Target 1272.54.",
    });
    expect(target[2]).toMatchObject({
      state: "done",
      time: "2000-04-14",
      words: "Reached the target 1272.54.",
    });
    const failed = lifecycleSteps("IHS", "2000-03-24", {
      ...brokeDown,
      status: "failed",
      resolvedAt: "2000-04-20",
    });
    expect(failed[1]?.words).toMatch(/, against the pattern's claim\./);
    expect(failed[2]?.words).toBe("Failed: closed back above the ceiling 1527.46.");
    expect(isLive({ ...brokeDown, status: "failed" })).toBe(false);
  });

  it("mark the breakout as never come when the detection expired", () => {
    const steps = lifecycleSteps("RTOP", "2000-03-24", {
      ...open,
      status: "expired",
      resolvedAt: "2000-05-12",
    });
    expect(steps[1]).toEqual({ step: "breakout", state: "skipped", words: "No breakout within 35 bars." });
    expect(steps[2]?.words).toBe("Expired: no breakout within 35 bars.");
  });
});

describe("the lifecycle section", () => {
  const alert: Alert = {
    alertId: "alr_1",
    source: "pattern",
    symbol: "SPX",
    interval: "1d",
    severity: "HIGH",
    barTime: "2000-03-24",
    createdAt: "2026-11-25T13:00:00Z",
    message: "m",
    status: "PUBLISHED",
    pattern: "HS",
    detection: {
      pattern: "HS",
      start: "2000-03-01",
      end: "2000-03-15",
      detectedAt: "2000-03-24",
      confidence: 80,
      extrema: [],
    },
  };

  it("lists the steps in an ordered list with machine-readable times, and the levels", () => {
    const html = renderToStaticMarkup(<Lifecycle detail={alertDetail({ ...alert, outcome: brokeDown })} />);
    expect(html).toContain('<ol aria-label="What happened after the detection" data-status="open">');
    expect(html).toContain(
      '<li data-step="breakout" data-state="done"><strong>Breakout</strong> <time dateTime="2000-04-03">2000-04-03</time>',
    );
    expect(html).toContain(
      '<li data-step="resolved" data-state="waiting"><strong>Resolved</strong> <span class="hint">not yet</span>',
    );
    expect(html).toContain('<dd data-level="target">1272.54</dd>');
  });

  it("writes every bar time of a daily alert as a date, the outcome's ISO asOf too", () => {
    const outcome = {
      ...brokeDown,
      breakout: { time: "2000-04-03T00:00:00.000Z", direction: "down" as const },
    };
    const html = renderToStaticMarkup(
      <Lifecycle detail={alertDetail({ ...alert, outcome, outcomeAsOf: "2000-04-21T00:00:00.000Z" })} />,
    );
    expect(html).toContain('<time dateTime="2000-04-03T00:00:00.000Z">2000-04-03</time>');
    expect(html).toContain("As of the bar at 2000-04-21, the newest");
    expect(html).not.toContain("UTC");
  });

  it("writes an intraday alert's bar times with the hour", () => {
    const hourly = { ...alert, interval: "1h", outcome: brokeDown, outcomeAsOf: "2000-04-03T15:00:00.000Z" };
    expect(renderToStaticMarkup(<Lifecycle detail={alertDetail(hourly)} />)).toContain(
      "As of the bar at 2000-04-03 15:00 UTC, the newest",
    );
  });

  it("says when no outcome is recorded", () => {
    expect(renderToStaticMarkup(<Lifecycle detail={alertDetail(alert)} />)).toContain(
      "No outcome is recorded for this alert.",
    );
  });
});
