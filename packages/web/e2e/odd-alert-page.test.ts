// End to end, the console in odd states (oddStates.ts): an alert's page and its chart. An alert stored with
// times the console's time rule cannot read shows instead of a blank page, an intraday chart's empty slot
// has its day on the time axis, the page asks the API for its alert once, the chart keeps the keyboard out,
// and the longest symbol fits a phone's width on every page. Screenshots go to test-artifacts/ (33, 39).

import { describe, expect, it } from "vitest";
import { screenshot } from "./browser";
import { oddStates } from "./oddStates";
import { openTab, SOON, signIn } from "./tabs";

const odd = oddStates();

/** A US-style date ("08/31/2000"): how Date.parse read times before core's time rule refused them. */
const usDate = (time: string) => `${time.slice(5, 7)}/${time.slice(8, 10)}/${time.slice(0, 4)}`;

describe("the console in odd states", () => {
  it("shows an alert stored with times it cannot read, instead of a blank page", async () => {
    const { context, page } = await openTab(odd.browser);
    const { items } = await odd.local.api<{ items: { alertId: string; pattern?: string }[] }>(
      "/alerts?symbol=SPX&severity=HIGH&limit=100",
    );
    const alertId = items.find((item) => item.pattern === "DBOT")?.alertId as string;
    // Stored before core's time rule: the API answers the times as they were written.
    await page.route(`**/alerts/${alertId}`, async (route) => {
      const answer = await route.fetch();
      const alert = (await answer.json()) as {
        detection: { extrema: { time: string }[]; detectedAt: string; start: string; end: string };
        bars: { time: string }[];
        outcome?: unknown;
      };
      for (const item of [...alert.detection.extrema, ...alert.bars]) item.time = usDate(item.time);
      for (const key of ["detectedAt", "start", "end"] as const)
        alert.detection[key] = usDate(alert.detection[key]);
      delete alert.outcome;
      await route.fulfill({ response: answer, json: alert });
    });
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, odd.local.system.apiKeys.reader);
    await page.getByRole("heading", { level: 1, name: /^SPX · DBOT/ }).waitFor();
    expect(await page.locator('[data-field="symbol"]').textContent()).toBe("SPX (1d)");
    const problem = page.getByTestId("chart-failed");
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(
      /^The chart cannot be drawn: unreadable bar time "\d\d\/\d\d\/2000"/,
    );
    await screenshot(page, "33-unreadable-times");
    await context.close();
  });

  it("labels on the time axis the day an empty slot of an intraday chart opens", async () => {
    const { context, page } = await openTab(odd.browser);
    const { items } = await odd.local.api<{ items: { alertId: string; pattern?: string }[] }>(
      "/alerts?symbol=SPX&severity=HIGH&limit=100",
    );
    const alertId = items.find((item) => item.pattern === "DBOT")?.alertId as string;
    // The alert's bars an hour apart round the clock from Monday 2 March 2026, its outcome open, and the
    // stream holding 8 bars from 10:00 UTC on Thursday 12 March: nothing holds the bars between.
    const hour = 3_600_000;
    const hourly = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => new Date(from + i * hour).toISOString());
    const held = hourly(Date.UTC(2026, 2, 12, 10), 8);
    await page.route(`**/alerts/${alertId}`, async (route) => {
      const answer = await route.fetch();
      const alert = (await answer.json()) as {
        interval: string;
        detection: { extrema: { time: string }[]; detectedAt: string; start: string; end: string };
        bars: { time: string; close: number }[];
        outcome?: unknown;
      };
      const times = hourly(Date.UTC(2026, 2, 2), alert.bars.length);
      const retimed = new Map(alert.bars.map((bar, i) => [Date.parse(bar.time), times[i] as string]));
      const retime = (time: string) => retimed.get(Date.parse(time)) ?? time;
      for (const item of [...alert.detection.extrema, ...alert.bars]) item.time = retime(item.time);
      for (const key of ["detectedAt", "start", "end"] as const)
        alert.detection[key] = retime(alert.detection[key]);
      const closes = alert.bars.map((bar) => bar.close);
      alert.interval = "1h";
      alert.outcome = {
        ceiling: Math.max(...closes),
        floor: Math.min(...closes),
        status: "open",
        breakout: null,
        target: null,
        resolvedAt: null,
        returns: {},
      };
      await route.fulfill({ response: answer, json: alert });
    });
    const close = 1450;
    await page.route(/\/bars\?/, (route) =>
      route.fulfill({
        json: {
          symbol: "SPX",
          interval: "1h",
          from: null,
          heldFrom: held[0],
          bars: held.map((time) => ({
            time,
            open: close,
            high: close + 5,
            low: close - 5,
            close,
            volume: 1,
          })),
        },
      }),
    );
    await page.route(/\/patterns\?/, (route) => route.fulfill({ json: { items: [], cursor: null } }));
    // What the chart writes on its canvases: the time axis's labels among them.
    await page.addInitScript(() => {
      const written: string[] = [];
      Object.assign(window, { written });
      const fillText = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text, ...at) {
        written.push(text);
        return fillText.call(this, text, ...at);
      };
    });
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, odd.local.system.apiKeys.reader);
    const chart = page.getByTestId("pattern-chart");
    await expect.poll(() => chart.getAttribute("data-breaks"), SOON).toBe(held[0]);
    await page.mouse.move(0, 0);
    // The time axis's labels: what is written but the prices (and the markers' E1, E2, …).
    const axis = async () =>
      new Set(
        (await page.evaluate(() => (window as unknown as { written: string[] }).written)).filter(
          (text) => !/^(\d[\d,]*\.\d\d|E\d+)$/.test(text),
        ),
      );
    // The days the alert's own bars span are labelled; so must be the 12th, whose first bar follows the slot.
    await expect.poll(axis, SOON).toContain("3");
    expect([...(await axis())].join(" | ")).toMatch(/(^| )12( |$)/);
    await context.close();
  });

  it("asks the API for an alert once when its page opens, the build users get", async () => {
    const { context, page } = await openTab(odd.browser);
    const { items } = await odd.local.api<{ items: { alertId: string }[] }>("/alerts?symbol=SPX&limit=1");
    const alertId = items[0]?.alertId as string;
    const asked: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === `/alerts/${alertId}`) asked.push(request.url());
    });
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, odd.local.system.apiKeys.reader);
    await page.getByRole("heading", { level: 1, name: /^SPX · / }).waitFor();
    // The page refreshes an open outcome every 5 s; nothing else should ask again.
    await page.waitForLoadState("networkidle");
    expect(asked).toHaveLength(1);
    await context.close();
  });

  it("keeps the keyboard out of the chart's image, and names the chart's maker in a link of its own", async () => {
    const { context, page } = await openTab(odd.browser);
    const { items } = await odd.local.api<{ items: { alertId: string }[] }>("/alerts?symbol=SPX&limit=1");
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/${items[0]?.alertId}`);
    await signIn(page, odd.local.system.apiKeys.reader);
    const chart = page.getByTestId("pattern-chart");
    await chart.locator("canvas").first().waitFor();
    // The chart is one image to a screen reader (its children are presentational): nothing in it takes focus.
    const focusable = chart.locator(
      "a[href], button, input, textarea, select, [tabindex]:not([tabindex='-1'])",
    );
    expect(await focusable.count()).toBe(0);
    // The library's licence asks for a link to TradingView on the page: beside the chart, with its name.
    const maker = page.getByRole("region", { name: "Chart" }).getByRole("link", { name: /TradingView/ });
    expect(await maker.getAttribute("href")).toBe("https://www.tradingview.com/");
    await context.close();
  });

  it("fits a symbol as long as the API takes on a phone's width, on every page that names it", async () => {
    // 20 characters, the most a symbol may have, of the widest letter and with nowhere to break a line.
    const symbol = "W".repeat(20);
    await odd.local.analyse(symbol);
    const wideLink = await odd.local.linkFor(symbol);
    const { alertId } = await odd.local.approvalSubject(wideLink);
    const { context, page } = await openTab(odd.browser, 375, 800);
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(wideLink);
    await signIn(page, odd.local.system.apiKeys.approver);
    await page.getByRole("button", { name: "Approve…" }).waitFor(SOON);
    const pages: Record<string, number> = { approval: await fits() };
    await page.goto(`${odd.local.system.consoleUrl}#/approvals`);
    await page.getByRole("listitem").filter({ hasText: symbol }).first().waitFor(SOON);
    pages.pending = await fits();
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/${alertId}`);
    await page.getByRole("heading", { level: 1, name: new RegExp(`^${symbol} · `) }).waitFor(SOON);
    pages.alert = await fits();
    await page.goto(`${odd.local.system.consoleUrl}#/alerts?symbol=${symbol}`);
    await page
      .getByRole("link", { name: new RegExp(symbol) })
      .first()
      .waitFor(SOON);
    pages.history = await fits();
    await page.goto(`${odd.local.system.consoleUrl}#/stats?symbol=${symbol}`);
    await page.locator("main").getByText(symbol).first().waitFor(SOON);
    pages.stats = await fits();
    // How many pixels each page scrolls sideways: none.
    expect(pages).toEqual({ approval: 0, pending: 0, alert: 0, history: 0, stats: 0 });
    await screenshot(page, "39-long-symbol-stats");
    await context.close();
  });
});
