// End to end: what happened after an alert, in a real headless Chromium against the whole local system.
// Real S&P 500 bars go through the market-data stream in three parts; the console follows an alert's
// lifecycle as the later bars arrive, shows the evidence beside a decision, and the Statistics page.
// Screenshots go to test-artifacts/ (20-… to 29-…).

import assert from "node:assert";
import type { HeldBars } from "@stock-patterns/core/contracts";
import { BARS_AFTER_DECISION, EXPECTED_DIRECTION, MIN_SAMPLE } from "@stock-patterns/core/vocabulary";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_REFRESH_MS } from "../src/alerts/useAlertDetail";
import type { Alert, Outcome } from "../src/api/types";
import type { StatsAnswer } from "../src/stats/statsApi";
import { launchBrowser, screenshot } from "./browser";
import { expireAlert } from "./expireAlert";
import { openTab, SOON, signIn } from "./tabs";
import { startTestSystem, type TestSystem } from "./testSystem";

let local: TestSystem;
let browser: Browser;

/** GET /alerts/{alertId} as the API answers it (the alert with its detection, outcome and evidence). */
const alertDetail = (alertId: string) =>
  local.api<Alert & { bars: unknown[] }>(`/alerts/${encodeURIComponent(alertId)}`);

/** Every alert of a symbol with its detail, newest first. */
async function alertsOf(symbol: string) {
  const page = await local.api<{ items: { alertId: string }[] }>(`/alerts?symbol=${symbol}&limit=100`);
  return Promise.all(page.items.map((item) => alertDetail(item.alertId)));
}

/** Half-months of 2000 streamed one by one while an alert's page is open, until its outcome is decided. */
const HALF_MONTHS = ["06", "07", "08", "09"].flatMap((month) => [
  [`2000-${month}-01`, `2000-${month}-15`],
  [`2000-${month}-16`, `2000-${month}-31`],
]);

/**
 * The bars since a detection its chart should draw now, from what the API answers: the stream's held bars
 * after detectedAt (GET /bars), through the deciding bar and BARS_AFTER_DECISION more; and whether the
 * stream holds every bar since the detection.
 */
async function barsSinceNow(alertId: string) {
  const alert = await alertDetail(alertId);
  const detectedAt = Date.parse(alert.detection?.detectedAt as string);
  const held = await local.api<HeldBars>(
    `/bars?symbol=${alert.symbol}&interval=${alert.interval}&from=${alert.detection?.detectedAt}`,
  );
  const after = held.bars.filter((bar) => Date.parse(bar.time) > detectedAt);
  const outcome = alert.outcome as Outcome;
  const decided =
    outcome.resolvedAt === null
      ? -1
      : after.findIndex((bar) => Date.parse(bar.time) === Date.parse(outcome.resolvedAt as string));
  return {
    outcome,
    count: decided === -1 ? after.length : Math.min(after.length, decided + 1 + BARS_AFTER_DECISION),
    complete: held.heldFrom !== null && Date.parse(held.heldFrom) <= detectedAt,
  };
}

/** The first alert of a symbol, newest first, that `wanted` picks among its list rows (every page read). */
async function findAlert(symbol: string, wanted: (row: Alert) => boolean) {
  let cursor: string | undefined;
  do {
    const query = `/alerts?symbol=${symbol}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await local.api<{ items: Alert[]; cursor?: string | null }>(query);
    const found = page.items.find(wanted);
    if (found) return found;
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return undefined;
}

/** How many 10-bar returns an alert's evidence knows. */
const returnsKnown = (alert: Alert) => alert.evidence?.horizons["10"]?.returns.n ?? 0;

beforeAll(async () => {
  local = await startTestSystem();
  browser = await launchBrowser();
  await local.stream("SPX", "2000-01-01", "2000-05-31");
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe("outcomes in the console", () => {
  it("follows an alert's lifecycle as bars arrive: breakout and resolution on the chart and in words", async () => {
    // The newest alert whose detection has not broken out yet: its life happens during this test.
    // By its detection's time: alerts raised at one moment are listed in no set order (their ids).
    const waiting = (await alertsOf("SPX"))
      .filter((alert) => alert.outcome?.breakout === null && alert.outcome.status === "open")
      .sort(
        (a, b) =>
          Date.parse(b.detection?.detectedAt as string) - Date.parse(a.detection?.detectedAt as string),
      )
      .at(0);
    expect(waiting, "an alert still waiting for its breakout").toBeDefined();
    const alertId = waiting?.alertId as string;
    const ownBars = waiting?.bars.length as number;

    const { context, page } = await openTab(browser);
    // The page's timers run on a clock the test moves on: after each half-month its next refresh comes at
    // once, not up to LIVE_REFRESH_MS later. Time runs as usual otherwise.
    await page.clock.install();
    const nextRefresh = () => page.clock.fastForward(LIVE_REFRESH_MS);
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, local.system.apiKeys.reader);
    const steps = page.getByRole("list", { name: "What happened after the detection" });
    await steps.waitFor();
    expect(await steps.getAttribute("data-status")).toBe("open");
    const step = (name: string) => steps.locator(`li[data-step="${name}"]`);
    expect(await step("detected").locator("time").getAttribute("datetime")).toBe(
      waiting?.detection?.detectedAt,
    );
    expect(await step("breakout").getAttribute("data-state")).toBe("waiting");
    expect(await step("breakout").textContent()).toMatch(
      /^Breakout not yet ?Waiting for a close above [\d.]+ or below [\d.]+/,
    );
    const chart = page.getByTestId("pattern-chart");
    await chart.locator("canvas").first().waitFor();
    expect(await chart.getAttribute("data-levels")).toBe("ceiling floor");
    // Its own bars, and those the stream holds since its detection (none when it is the newest detection).
    let now = await barsSinceNow(alertId);
    await expect.poll(() => chart.getAttribute("data-candles"), SOON).toBe(String(ownBars + now.count));
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, "20-lifecycle-waiting");

    // Half-months arrive on the stream while the page is open: the chart grows by the bars the stream holds
    // since the detection (every one of them: it holds the newest 75), until the outcome is decided.
    const since = page.getByTestId("bars-after");
    let streamed = 0;
    while (now.outcome.status === "open" && streamed < HALF_MONTHS.length) {
      const [from, to] = HALF_MONTHS[streamed++] as [string, string];
      await local.stream("SPX", from, to);
      await nextRefresh();
      now = await barsSinceNow(alertId);
      if (now.outcome.status !== "open") break;
      expect(now.complete, "the stream holds every bar since an open detection").toBe(true);
      await expect.poll(() => since.getAttribute("data-bars-after"), SOON).toBe(String(now.count));
      expect(await since.getAttribute("data-bars-held")).toBe(String(now.count));
      expect(await chart.getAttribute("data-candles")).toBe(String(ownBars + now.count));
      expect(await since.textContent()).toMatch(/as the stream holds them\. The chart follows new bars/);
      if (streamed === 1) await screenshot(page, "20b-lifecycle-bars-arriving");
    }
    const outcome = now.outcome;
    expect(outcome.breakout).not.toBeNull();
    expect(outcome.status, "decided by the end of September 2000").not.toBe("open");
    await expect.poll(() => steps.getAttribute("data-status"), SOON).toBe(outcome.status);
    expect(await step("breakout").getAttribute("data-state")).toBe("done");
    expect(await step("breakout").locator("time").getAttribute("datetime")).toBe(outcome.breakout?.time);
    expect(await step("resolved").locator("time").getAttribute("datetime")).toBe(outcome.resolvedAt);
    // One day, one way: the steps' bars come as sent (dates here), the outcome's as-of bar as an ISO
    // midnight, which read "… 00:00 UTC" under a step that read a date.
    const { outcomeAsOf } = await local.api<{ outcomeAsOf: string }>(`/alerts/${alertId}`);
    expect(outcomeAsOf).toMatch(/^\d{4}-\d{2}-\d{2}T00:00/);
    expect(await step("resolved").locator("time").textContent()).toBe(outcome.resolvedAt);
    await expect
      .poll(() => page.getByTestId("outcome-as-of").textContent(), SOON)
      .toBe(`As of the bar at ${outcomeAsOf.slice(0, 10)}, the newest the stream has followed it to.`);
    expect(await page.locator('[data-level="target"]').textContent()).toBe(
      String(Math.round((outcome.target as number) * 100) / 100),
    );
    // The chart now runs past detectedAt through the deciding bar (and the bars after it the stream has
    // sent, up to BARS_AFTER_DECISION), from the stream's bars, with the target drawn and both steps marked.
    await expect.poll(() => chart.getAttribute("data-levels"), SOON).toBe("ceiling floor target");
    expect(now.complete, "the stream still holds every bar since the detection").toBe(true);
    await expect.poll(() => since.getAttribute("data-bars-after"), SOON).toBe(String(now.count));
    expect(await since.getAttribute("data-complete")).toBe("true");
    expect(await chart.getAttribute("data-candles")).toBe(String(ownBars + now.count));
    expect(await chart.getAttribute("data-events")).toBe(
      `Breakout ${outcome.breakout?.direction}, ${outcome.status}`,
    );
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, "21-lifecycle-resolved");
    // The rest of the months: the stream no longer holds the first bars since the detection, so after a
    // reload they come from later stored detections, and the sentence says which are which.
    for (const [from, to] of HALF_MONTHS.slice(streamed) as [string, string][])
      await local.stream("SPX", from, to);
    expect((await barsSinceNow(alertId)).complete).toBe(false);
    await page.reload();
    await expect.poll(() => since.getAttribute("data-complete"), SOON).toBe("false");
    const count = Number(await since.getAttribute("data-bars-after"));
    expect(count).toBeGreaterThan(0);
    expect(await chart.getAttribute("data-candles")).toBe(String(ownBars + count));
    expect(await since.textContent()).toMatch(
      /the stream keeps the newest 75 bars of SPX, from \d{4}-\d{2}-\d{2} on/,
    );
    // At phone width the lifecycle, chart and evidence stack without sideways scrolling.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))
      .toBe(true);
    await screenshot(page, "21b-lifecycle-phone");
    await context.close();
  });

  it("puts the evidence beside the decision, in words that match the API's figures", async () => {
    // Three more years give the codes enough history for a success rate with an interval.
    await local.stream("SPX", "2000-10-01", "2003-12-31");
    const request = local.system.approvalRequests.at(-1);
    expect(request?.link, "an approval request raised by the stream").toBeDefined();
    const link = request?.link as string;
    const token = new URL(link).searchParams.get("token") as string;
    const { alertId } = await local.api<{ alertId: string }>(`/approvals/${token}`);
    const alert = await alertDetail(alertId);
    const evidence = alert.evidence;
    expect(evidence, "the alert's evidence as of its detection").toBeDefined();

    const { context, page } = await openTab(browser);
    await page.goto(link);
    await signIn(page, local.system.apiKeys.approver);
    const card = page.getByRole("region", { name: "Evidence" });
    await card.waitFor();
    // Beside the decision: in the same column, right after it.
    const actions = page.locator(".alert-actions");
    expect(await actions.getByRole("button", { name: "Approve…" }).count()).toBe(1);
    expect(await actions.getByRole("region", { name: "Evidence" }).count()).toBe(1);
    const success = await card.locator('[data-evidence="success"]').textContent();
    if (evidence?.resolved) {
      expect(success).toMatch(
        new RegExp(
          `^${evidence.succeeded} of ${evidence.resolved} past .+ on SPX (broke out (up|down), the pattern's direction, and )?reached (their|its) target: \\d+%, likely between \\d+% and \\d+%\\.${evidence.resolved < MIN_SAMPLE ? ` Too few \\(${evidence.resolved}\\) to mean anything yet\\.` : ""}$`,
        ),
      );
    } else {
      expect(success).toMatch(/: no success rate yet\.$/);
    }
    expect(await card.locator('[data-evidence="returns"]').textContent()).toMatch(/^Over the next 10 bars: /);
    const edge = card.locator('[data-evidence="edge"]');
    const kind = await edge.getAttribute("data-edge");
    expect(await edge.textContent()).toMatch(kind === "edge" ? /^Edge: / : /^No edge/);
    if ((evidence?.horizons["10"]?.returns.n ?? 0) < 10) expect(kind).toBe("tooFew");
    // A bar per status, each with the API's count.
    const bars = card.getByRole("img", { name: /^How past detections ended: / });
    for (const status of ["target", "failed", "stalled", "expired"] as const) {
      expect(await bars.locator(`[data-status="${status}"]`).getAttribute("data-count")).toBe(
        String(evidence?.status[status]),
      );
    }
    expect(await bars.locator('[data-status="open"]').getAttribute("data-count")).toBe(
      String((evidence?.detections ?? 0) - (evidence?.resolved ?? 0)),
    );
    await page.getByTestId("pattern-chart").locator("canvas").first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "22-evidence-beside-decision");
    await context.close();
  });

  it("draws an older detection's deciding bar from a detection stored 21 bars later, and leaves a gap where none holds bars", async () => {
    // The TBOT detected 2003-04-15, decided 2003-06-11 (a target): streamed through 2003-12-31 above, the
    // stream no longer holds its bars. Of the later detections, the BTOP known 2003-06-10 holds bars from
    // 2003-05-01 on, and the deciding bar only detections known from 2003-07-11 on.
    const row = await findAlert(
      "SPX",
      (alert) => alert.pattern === "TBOT" && alert.barTime.startsWith("2003-04-15"),
    );
    assert(row, "the TBOT alert of 2003-04-15");
    const tbot = await alertDetail(row.alertId);
    expect(tbot.outcome?.resolvedAt?.slice(0, 10)).toBe("2003-06-11");
    expect(tbot.outcome?.breakout?.time.slice(0, 10)).toBe("2003-04-22");
    const { context, page } = await openTab(browser);
    await page.goto(`${local.system.consoleUrl}#/alerts/${row.alertId}`);
    await signIn(page, local.system.apiKeys.reader);
    const since = page.getByTestId("bars-after");
    const chart = page.getByTestId("pattern-chart");
    await expect.poll(() => since.getAttribute("data-complete"), SOON).toBe("false");
    // 2003-05-01 through the deciding bar and 5 more (2003-06-18): 34 bars, none of them the stream's.
    expect(await since.getAttribute("data-bars-after")).toBe("34");
    expect(await since.getAttribute("data-bars-held")).toBe("0");
    expect(await chart.getAttribute("data-candles")).toBe(String(tbot.bars.length + 34));
    // The deciding bar is marked; the breakout, in the stretch nothing holds, is not, and the words say why.
    expect(await chart.getAttribute("data-events")).toBe("target");
    expect(await chart.getAttribute("data-breaks")).toMatch(/^2003-05-01/);
    const words = await since.textContent();
    expect(words).toContain(
      "Neither the stream nor any later detection stored for SPX holds the bars between 2003-04-15 and 2003-05-01: the chart leaves a gap there.",
    );
    expect(words).toContain(
      "The breakout (2003-04-22) is not among the bars drawn, so it is not marked: neither the stream nor any later detection stored for SPX holds its bar.",
    );
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, "26-older-detection-gap");
    await context.close();
  });

  it("states the lift's interval, and no edge unless it lies above zero, for the code with the longest record", async () => {
    // Among the alerts of codes that claim a direction, the one whose evidence knows the most 10-bar returns.
    const claimed = (await alertsOf("SPX")).filter(
      (alert) => alert.pattern && EXPECTED_DIRECTION[alert.pattern] !== undefined,
    );
    const richest = claimed.sort((a, b) => returnsKnown(b) - returnsKnown(a))[0];
    assert(richest, "no SPX alert of a code that claims a direction");
    expect(returnsKnown(richest)).toBeGreaterThanOrEqual(10);
    const { context, page } = await openTab(browser);
    await page.goto(`${local.system.consoleUrl}#/alerts/${richest.alertId}`);
    await signIn(page, local.system.apiKeys.reader);
    const edge = page.getByRole("region", { name: "Evidence" }).locator('[data-evidence="edge"]');
    await edge.waitFor();
    const kind = await edge.getAttribute("data-edge");
    expect(["edge", "noEdge", "against"]).toContain(kind);
    const words = (await edge.textContent()) ?? "";
    const bounds = /likely between ([+−]\d+\.\d) points and ([+−]\d+\.\d) points\)\.$/.exec(words);
    expect(bounds, words).not.toBeNull();
    const [low, high] = [bounds?.[1], bounds?.[2]].map((bound) => Number(bound?.replace("−", "-")));
    assert(low !== undefined && high !== undefined);
    expect(low).toBeLessThan(high);
    // The verdict follows the interval: an edge only above zero, against the claim only below it.
    expect(kind).toBe(low > 0 ? "edge" : high < 0 ? "against" : "noEdge");
    expect(words.startsWith(kind === "edge" ? "Edge: " : "No edge: ")).toBe(true);
    await page.getByTestId("pattern-chart").locator("canvas").first().waitFor();
    await screenshot(page, "23-evidence-with-lift");
    await context.close();
  });

  it("shows the Statistics page for a symbol and for all symbols, sortable by each figure, in words", async () => {
    // A second symbol, so "all symbols" pools two series.
    await local.stream("NDX", "2000-01-01", "2001-12-31");
    const spx = await local.api<StatsAnswer>("/stats?symbol=SPX&interval=1d");
    expect(spx.evidence.length).toBeGreaterThan(3);
    const { context, page } = await openTab(browser);
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.reader);
    await page.getByRole("link", { name: "Statistics" }).click();
    // The history the reader landed on has a Symbol field too: until the Statistics page has replaced it, a
    // page-wide "Symbol" filled the history's, and the question asked was all symbols (CI at def0318).
    await page.getByRole("form", { name: "Which statistics" }).getByLabel("Symbol").fill("spx");
    await page.getByRole("button", { name: "Show statistics" }).click();
    await expect.poll(() => page.url()).toContain("#/stats?symbol=SPX&interval=1d");
    const table = page.getByRole("table", { name: "Evidence per pattern on SPX (1d)" });
    await table.waitFor();
    const shown = () =>
      table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-pattern")));
    expect(await shown()).toEqual(spx.evidence.map((evidence) => evidence.pattern));
    // Every row's sentence carries the API's counts.
    for (const evidence of spx.evidence) {
      const words = await table
        .locator(`tr[data-pattern="${evidence.pattern}"] [data-evidence="success"]`)
        .textContent();
      if (evidence.resolved > 0)
        expect(words).toMatch(new RegExp(`^${evidence.succeeded} of ${evidence.resolved} past `));
      else expect(words).toMatch(/no success rate yet\.$/);
      // A directional code's successes are its targets after a breakout its way, and the sentence says so;
      // for a code that claims none they are all its targets (PATTERNS.md "Outcomes").
      const direction = EXPECTED_DIRECTION[evidence.pattern];
      if (evidence.resolved > 0 && direction)
        expect(words).toContain(` broke out ${direction}, the pattern's direction, and reached `);
      if (!direction) expect(evidence.succeeded).toBe(evidence.status.target ?? 0);
    }
    // Sorting by success rate, best first, then turned around (codes without a rate stay last).
    const bySuccess = (order: 1 | -1) =>
      [...spx.evidence]
        .sort((a, b) =>
          a.successRate === null || b.successRate === null
            ? Number(a.successRate === null) - Number(b.successRate === null)
            : order * (a.successRate - b.successRate) || spx.evidence.indexOf(a) - spx.evidence.indexOf(b),
        )
        .map((evidence) => evidence.pattern);
    const heading = table.getByRole("columnheader", { name: "Success rate" });
    await heading.getByRole("button").click();
    expect(await heading.getAttribute("aria-sort")).toBe("descending");
    expect(await shown()).toEqual(bySuccess(-1));
    // From the keyboard: the heading's button has focus after the click; Enter turns the order around.
    await page.keyboard.press("Enter");
    expect(await heading.getAttribute("aria-sort")).toBe("ascending");
    expect(await shown()).toEqual(bySuccess(1));
    expect(await page.getByTestId("stats-freshness").textContent()).toMatch(
      new RegExp(`^SPX \\(1d\\) up to the bar at ${spx.asOf?.slice(0, 10)}; counted `),
    );
    // One symbol: Newcombe's interval as given, near 95%; nothing says it is too narrow.
    expect(await table.textContent()).not.toContain("too narrow");
    expect(await page.getByTestId("stats-too-narrow").count()).toBe(0);
    await screenshot(page, "24-statistics-spx");

    // A symbol one letter off: the API says which was likely meant, and the page links its statistics.
    await page.goto(`${local.system.consoleUrl}#/stats?symbol=SPXX&interval=1d`);
    const none = page.getByTestId("stats-none");
    await expect
      .poll(() => none.textContent(), SOON)
      .toMatch(/\(did you mean SPX\?\)\. Show the statistics of SPX\.$/);
    await none.getByRole("link", { name: "Show the statistics of SPX" }).click();
    await table.waitFor();
    await expect.poll(() => page.url()).toContain("#/stats?symbol=SPX&interval=1d");

    // As of a past time: the figures the stream had counted by then, fewer detections than now.
    await page.getByLabel("As of").fill("2001-06-30");
    await page.getByRole("button", { name: "Show statistics" }).click();
    const past = await local.api<StatsAnswer>("/stats?symbol=SPX&interval=1d&asOf=2001-06-30");
    // The newest count the stream kept at or before that time (one per stream batch).
    expect(past.asOf && past.asOf <= "2001-06-30T23:59:59Z").toBe(true);
    await expect
      .poll(() => page.getByTestId("stats-freshness").textContent(), SOON)
      .toMatch(new RegExp(`^SPX \\(1d\\) up to the bar at ${past.asOf?.slice(0, 10)}; counted `));
    const total = (answer: StatsAnswer) =>
      answer.evidence.reduce((sum, evidence) => sum + evidence.detections, 0);
    expect(total(past)).toBeLessThan(total(spx));
    expect(await table.locator("tbody tr").count()).toBe(past.evidence.length);
    // 2001-06-30 is a Saturday, so the snapshot is of an earlier bar, and the page says so above the table
    // (it said only the bar the figures count up to, leaving the reader to see it was not the date asked).
    const pastBar = past.asOf?.slice(0, 10);
    expect(pastBar).not.toBe("2001-06-30");
    expect(await page.getByTestId("stats-as-of").textContent()).toBe(
      `As of ${pastBar}, the latest figures recorded on or before 2001-06-30.`,
    );
    await screenshot(page, "24b-statistics-as-of");
    await page.getByLabel("As of").fill("");
    await page.getByRole("button", { name: "Show statistics" }).click();
    await expect.poll(() => page.url()).not.toContain("asOf");
    // Asked as of now, the newest snapshot is the answer: no gap to point out.
    await expect
      .poll(() => page.getByTestId("stats-freshness").textContent(), SOON)
      .toMatch(new RegExp(`^SPX \\(1d\\) up to the bar at ${spx.asOf?.slice(0, 10)}; counted `));
    expect(await page.getByTestId("stats-as-of").count()).toBe(0);

    // All symbols, at phone width: pooled over both series (counted on the 5-minute schedule: run it now),
    // the age said, no sideways scrolling.
    await local.system.runScheduledCheck();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByLabel("Symbol").fill("");
    await page.getByRole("button", { name: "Show statistics" }).click();
    const all = await local.api<StatsAnswer>("/stats?interval=1d");
    const pooled = page.getByRole("table", { name: "Evidence per pattern on all symbols (1d)" });
    await pooled.waitFor();
    expect(all.series).toBe(2);
    expect(await page.getByTestId("stats-freshness").textContent()).toMatch(
      /^Pooled over 2 series of 1d, each up to its newest bar; counted .* before this answer\.$/,
    );
    expect(await pooled.locator("tbody tr").count()).toBe(all.evidence.length);
    // Over the two symbols the lift's interval assumes independent returns: every one is marked too narrow,
    // the note under the table says why, and an interval above zero is no more than a possible edge.
    expect(await page.getByTestId("stats-too-narrow").textContent()).toMatch(
      /^Too narrow: over 2 symbols the lift's interval assumes their returns are independent, while stocks move together on a date; the CLI's patterns stats, run on their bar files, widens it for that\.$/,
    );
    expect(await pooled.getAttribute("aria-describedby")).toBe(
      await page.getByTestId("stats-too-narrow").getAttribute("id"),
    );
    let intervals = 0;
    let possible = 0;
    for (const evidence of all.evidence) {
      const row = pooled.locator(`tr[data-pattern="${evidence.pattern}"]`);
      const cell = (await row.locator('[data-label="Lift (10 bars)"]').textContent()) ?? "";
      const bounds = /likely between ([+−]\d+\.\d) and ([+−]\d+\.\d)/.exec(cell);
      const kind = await row.locator('[data-evidence="edge"]').getAttribute("data-edge");
      expect(kind).not.toBe("edge");
      if (bounds === null) continue;
      intervals++;
      expect(cell).toMatch(/ \(too narrow\)(, too few)?$/);
      const low = Number(bounds[1]?.replace("−", "-"));
      if (low > 0) {
        possible++;
        expect(kind).toBe("maybeEdge");
      }
    }
    expect(intervals).toBeGreaterThan(0);
    // NDX here is the S&P sample's 2000 and 2001 again, so the pool counts those years twice (returns as far
    // from independent as can be), and some interval lies above zero: a possible edge, not an edge.
    expect(possible).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Each card's labels whole on their lines: beside a sentence, "In words" took a letter a line (8 lines);
    // the longest label, the success rate's, takes two.
    const labelLines = await pooled.evaluate((table) =>
      [...table.querySelectorAll("td")].map((cell) => {
        const label = getComputedStyle(cell, "::before");
        return Math.round(parseFloat(label.height) / parseFloat(label.lineHeight));
      }),
    );
    expect(labelLines.length).toBe(all.evidence.length * 5);
    expect(Math.max(...labelLines)).toBe(2);
    expect(labelLines.filter((lines) => lines === 2).length).toBe(all.evidence.length);
    await screenshot(page, "25-statistics-all-phone");

    // All symbols as of a past Saturday, still at phone width: each series as of its own snapshot by then,
    // their span said in a sentence that wraps within the width.
    const pastPooled = await local.api<StatsAnswer>("/stats?interval=1d&asOf=2001-06-30");
    const span = pastPooled.pooledFrom;
    assert(span, "pooled as of a past time says what it is made of");
    await page.getByLabel("As of").fill("2001-06-30");
    await page.getByRole("button", { name: "Show statistics" }).click();
    const sameBar = span.oldestAsOf === span.newestAsOf;
    const when = sameBar
      ? span.newestAsOf.slice(0, 10)
      : `${span.oldestAsOf.slice(0, 10)} to ${span.newestAsOf.slice(0, 10)} (each series its own)`;
    await expect
      .poll(() => page.getByTestId("stats-as-of").textContent(), SOON)
      .toBe(`As of ${when}, the latest figures recorded on or before 2001-06-30.`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, "25b-statistics-all-as-of-phone");
    await context.close();
  });
});

describe("an alert that passes its retention while its page is open", () => {
  it("says why it may be gone, with no Try again, and stops asking for it", async () => {
    // An open outcome: its page asks again every 5 s.
    const open = (await alertsOf("SPX")).find((alert) => alert.outcome?.status === "open");
    expect(open, "an alert whose outcome is still open").toBeDefined();
    const alertId = open?.alertId as string;
    const asked: number[] = [];
    const { context, page } = await openTab(browser);
    // The page's timers run on a clock the test moves on; time runs as usual otherwise.
    await page.clock.install();
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === `/alerts/${alertId}`) asked.push(Date.now());
    });
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, local.system.apiKeys.reader);
    await page.getByRole("list", { name: "What happened after the detection" }).waitFor();
    await expireAlert(local, alertId);
    await page.clock.fastForward(LIVE_REFRESH_MS);
    const gone = page.getByTestId("alert-not-kept");
    await gone.waitFor({ timeout: SOON.timeout });
    expect(await gone.getAttribute("role")).toBe("status");
    // Shown until now: the retention is the one reason left, not an id that never named an alert.
    expect(await gone.textContent()).toMatch(
      new RegExp(`^The API no longer has alert ${alertId}, shown here until now\\. .*retention`),
    );
    expect(await gone.textContent()).not.toContain("never named");
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    // Three intervals on, every timer due meanwhile run, the page has not asked for the alert again. A request
    // it made then would be seen before one it makes after them: the page asks /health, and once that is
    // seen, so would any earlier request be.
    const lastAsked = asked.length;
    await page.clock.runFor(3 * LIVE_REFRESH_MS + 1000);
    const marker = page.waitForRequest((request) => new URL(request.url()).pathname === "/health");
    await page.evaluate(() => fetch("/health").catch(() => undefined));
    await marker;
    expect(asked).toHaveLength(lastAsked);
    await screenshot(page, "27-alert-passed-retention");
    await context.close();
  });
});
