// End to end: every text the alert chart draws is whole, on every alert of the sample the approver console
// tests use (the S&P 500's year 2000 through POST /patterns), at phone and desk width: none cut off by its
// canvas's edge, no marker's text (an extremum's name or a lifecycle step's) nor level's name written over
// the candles, and no two labels (markers' texts, levels' names, ticks, axis labels) covering each other.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARROW_SIZE, MARKER_GAP, TEXT_LINE } from "../src/chart/markerLayout";
import { launchBrowser } from "./browser";
import { chartLabelOverlaps, chartStems, covers, recordChartLabels } from "./chartLabels";
import { openTab, SOON, signIn } from "./tabs";
import { startTestSystem, type TestSystem } from "./testSystem";

let local: TestSystem;
let browser: Browser;
/** Every alert the sample raised, with what its chart marks. */
let alerts: { alertId: string; pattern: string; outcome?: { status: string } | null }[];

beforeAll(async () => {
  local = await startTestSystem();
  browser = await launchBrowser();
  await local.analyse("SPX");
  const page = await local.api<{ items: { alertId: string }[]; cursor?: string }>("/alerts?limit=100");
  expect(page.cursor).toBeUndefined();
  alerts = await Promise.all(
    page.items.map((item) => local.api<(typeof alerts)[number]>(`/alerts/${item.alertId}`)),
  );
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe.each([375, 1280])("the alert chart at %i px", (width) => {
  it("draws every label whole, the markers' texts and the levels' names off the candles and no two labels over each other, on every alert of the sample", async () => {
    // Enough alerts to meet what a chart draws: breakouts both ways, each deciding status, open outcomes.
    expect(alerts.length).toBeGreaterThan(10);
    const { context, page } = await openTab(browser, width, 800);
    await recordChartLabels(page);
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.approver);
    const found: string[] = [];
    let stemsDrawn = 0;
    for (const alert of alerts) {
      await page.goto(`${local.system.consoleUrl}#/alerts/${encodeURIComponent(alert.alertId)}`);
      const chart = page.getByTestId("pattern-chart");
      await chart.locator("canvas").first().waitFor();
      // The crosshair's own labels (drawn where the pointer rests) are not the chart's.
      await page.mouse.move(0, 0);
      // Read once the chart has drawn the markers and levels it reports.
      const events = ((await chart.getAttribute("data-events")) ?? "").split(", ").filter(Boolean);
      const levels = ((await chart.getAttribute("data-levels")) ?? "").split(" ").filter(Boolean);
      const names = Array.from(
        { length: Number(await chart.getAttribute("data-extrema")) },
        (_, i) => `E${i + 1}`,
      );
      const expected = [...levels, ...names, ...events];
      await expect
        .poll(async () => (await chartLabelOverlaps(page)).labels.map((label) => label.text), SOON)
        .toEqual(expect.arrayContaining(expected));
      const { labels, clipped, overlaps } = await chartLabelOverlaps(page);
      // A level's name is written on a box against the pane's right edge (the status "target" shares its
      // word, centred on its bar); the box hides what is under it, so it is what must keep off. The lifecycle
      // steps' texts ("Breakout down", "target") are wider than a dozen bars at 375 px; an extremum's name is
      // centred on its bar, wider than it and its neighbours, which may reach higher (or lower) than it.
      const levelName = (label: (typeof labels)[number]) =>
        levels.includes(label.text) && label.canvas.right - label.right < 10;
      const markerText = (label: (typeof labels)[number]) =>
        [...names, ...events].includes(label.text) && !levelName(label);
      const overCandles = labels
        .filter((label) => label.overBars > 0 && (markerText(label) || levelName(label)))
        .map((label) => `${label.text} over ${label.overBars} of the candles' rectangles`);
      // A marker moved out from its price keeps a dashed stem from its price to its arrow: each stem leads
      // to a marker's text centred on it, its ink within an arrow, a gap and a line of text of the stem's
      // end, and crosses no candle and no label.
      const stems = await chartStems(page);
      stemsDrawn += stems.length;
      const reach = ARROW_SIZE + MARKER_GAP + TEXT_LINE;
      const stemProblems = stems.flatMap((stem) => {
        const leads = labels.some(
          (label) =>
            markerText(label) &&
            Math.abs((label.left + label.right) / 2 - stem.x) < 1.5 &&
            ((label.bottom <= stem.top && stem.top - label.bottom <= reach) ||
              (label.top >= stem.bottom && label.top - stem.bottom <= reach)),
        );
        const at = `the stem at ${Math.round(stem.x)} px`;
        const line = { left: stem.x - 0.5, right: stem.x + 0.5, top: stem.top, bottom: stem.bottom };
        const crossed = labels
          .filter((label) => covers(label.plate ?? label, line))
          .map((label) => label.text);
        return [
          ...(leads ? [] : [`${at} leads to no marker's text`]),
          ...(stem.overBars > 0 ? [`${at} crosses ${stem.overBars} of the candles' rectangles`] : []),
          ...crossed.map((text) => `${at} crosses ${text}`),
        ];
      });
      for (const problem of [...clipped, ...overCandles, ...overlaps, ...stemProblems])
        found.push(`${alert.pattern} ${alert.alertId}: ${problem}`);
    }
    expect(found).toEqual([]);
    // At phone width two extrema's names are moved up past a taller neighbour (E5 of a TTOP and of an HS).
    if (width === 375) expect(stemsDrawn).toBeGreaterThanOrEqual(2);
    await context.close();
    // Every alert of the sample in one test: about 6 s quiet, 21 s in a CI run with helpers beside it.
  }, 120_000);
});
