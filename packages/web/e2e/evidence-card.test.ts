// End to end: the evidence card in a real headless Chromium, for each kind of evidence an alert carries
// (PATTERNS.md "Evidence"): the whole evidence POST /patterns stores (medians and KS), the stream's running
// evidence (counts and means only), and none. Its figures are checked against GET /alerts/{alertId}.
// Screenshots go to test-artifacts/ (60-… to 63-…).

import assert from "node:assert";
import { EXPECTED_DIRECTION } from "@stock-patterns/core/vocabulary";
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Alert, EvidenceFigures } from "../src/api/types";
import { EDGE_HORIZON, patternsCalled } from "../src/evidence/evidenceWords";
import { formatBarTime, formatCount, formatPercent, formatReturn } from "../src/ui/format";
import { launchBrowser, screenshot } from "./browser";
import { sampleBars } from "./sampleBars";
import { seedAlerts } from "./seedAlerts";
import { openTab, signIn } from "./tabs";
import { startTestSystem, type TestSystem } from "./testSystem";

let local: TestSystem;
let browser: Browser;

const alertDetail = (alertId: string) => local.api<Alert>(`/alerts/${encodeURIComponent(alertId)}`);

/** Every pattern alert of a symbol with its detail, the one whose evidence knows most 10-bar returns first. */
async function richestAlertOf(symbol: string): Promise<Alert> {
  const page = await local.api<{ items: Alert[] }>(`/alerts?symbol=${symbol}&limit=100`);
  const alerts = await Promise.all(
    page.items.filter((item) => item.source === "pattern").map((item) => alertDetail(item.alertId)),
  );
  const known = (alert: Alert) => alert.evidence?.horizons[EDGE_HORIZON]?.returns.n ?? 0;
  const richest = alerts.sort((a, b) => known(b) - known(a))[0];
  assert(richest, `no pattern alert on ${symbol}`);
  return richest;
}

/** Opens an alert's page as a reader and waits for its evidence card. */
async function openCard(alertId: string) {
  const { context, page } = await openTab(browser);
  await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
  await signIn(page, local.system.apiKeys.reader);
  const card = page.getByRole("region", { name: "Evidence" });
  await card.waitFor();
  return { context, page, card };
}

/** What every card with evidence shows: the "as of" time, success, mean returns and status bars, as the API has them. */
async function expectFiguresOf(card: Locator, alert: Alert) {
  const evidence = alert.evidence;
  assert(evidence && alert.detection, "the alert has evidence and a detection");
  const text = (await card.textContent()) ?? "";
  expect(text).not.toMatch(/NaN|undefined|null/);
  // As of the detection: the card's time is the alert's detectedAt (its barTime too).
  expect(alert.barTime).toBe(alert.detection.detectedAt);
  expect(text).toContain(
    ` up to ${formatBarTime(alert.detection.detectedAt, alert.interval)}, this one included`,
  );
  const success = (await card.locator('[data-evidence="success"]').textContent()) ?? "";
  if (evidence.successRate !== null && evidence.successInterval) {
    const [low, high] = evidence.successInterval;
    expect(success).toContain(
      `${formatCount(evidence.succeeded)} of ${formatCount(evidence.resolved)} past `,
    );
    expect(success).toContain(
      `: ${formatPercent(evidence.successRate)}, likely between ${formatPercent(low)} and ${formatPercent(high)}.`,
    );
  } else {
    expect(success).toMatch(/no success rate yet\.$/);
  }
  const ten = evidence.horizons[EDGE_HORIZON];
  assert(ten, "the evidence has its 10-bar horizon");
  const returns = (await card.locator('[data-evidence="returns"]').textContent()) ?? "";
  if (ten.returns.mean !== null && ten.returns.n > 0) {
    expect(returns).toContain(
      `${formatReturn(ten.returns.mean)} on average after the pattern (${formatCount(ten.returns.n)})`,
    );
    if (ten.baseline.mean !== null)
      expect(returns).toContain(
        `against ${formatReturn(ten.baseline.mean)} after any bar (${formatCount(ten.baseline.n)})`,
      );
  }
  const bars = card.getByRole("img", { name: /^How past detections ended: / });
  for (const status of ["target", "failed", "stalled", "expired"] as const) {
    expect(await bars.locator(`[data-status="${status}"]`).getAttribute("data-count")).toBe(
      String(evidence.status[status] ?? 0),
    );
  }
  expect(await bars.locator('[data-status="open"]').getAttribute("data-count")).toBe(
    String(evidence.detections - evidence.resolved),
  );
  await expectTargetsAgree(card, evidence);
  return { ten, text };
}

/** A count the card shows as an attribute, as a number (null when the element is missing). */
async function countOf(locator: Locator): Promise<number | null> {
  if ((await locator.count()) === 0) return null;
  return Number(await locator.getAttribute("data-count"));
}

/**
 * The success sentence and the target bar, each under its own label, give the same counts PATTERNS.md does:
 * for a code that claims a direction the sentence names that direction and counts `succeeded`, the bar's part
 * in that direction too, its other part the targets reached against the claim; for one that claims none the
 * sentence counts every target, the bar unsplit.
 */
async function expectTargetsAgree(card: Locator, evidence: EvidenceFigures) {
  const target = evidence.status.target ?? 0;
  const bar = card.locator('[data-testid="outcome-bars"] [data-status="target"]');
  const success = (await card.locator('[data-evidence="success"]').textContent()) ?? "";
  const direction = EXPECTED_DIRECTION[evidence.pattern];
  if (direction === undefined) {
    expect(evidence.succeeded).toBe(target);
    expect(await bar.locator("[data-direction]").count()).toBe(0);
    if (evidence.resolved > 0) expect(success).toMatch(/ reached (its|their) target: /);
    expect(await card.locator('[data-evidence="targets"]').count()).toBe(0);
    return;
  }
  const against = direction === "up" ? "down" : "up";
  if (evidence.resolved > 0)
    expect(success).toContain(
      `${formatCount(evidence.succeeded)} of ${formatCount(evidence.resolved)} past ${patternsCalled(evidence.pattern, evidence.resolved)} on `,
    );
  if (evidence.resolved > 0)
    expect(success).toContain(` broke out ${direction}, the pattern's direction, and reached `);
  expect(await countOf(bar.locator(`[data-direction="${direction}"][data-claimed="true"]`))).toBe(
    evidence.succeeded > 0 ? evidence.succeeded : null,
  );
  expect(await countOf(bar.locator(`[data-direction="${against}"][data-claimed="false"]`))).toBe(
    target > evidence.succeeded ? target - evidence.succeeded : null,
  );
  const words = card.locator('[data-evidence="targets"]');
  if (target === 0) expect(await words.count()).toBe(0);
  else if (target === evidence.succeeded)
    expect(await words.textContent()).toBe(
      `Every target reached (${formatCount(target)}) broke out ${direction}, the pattern's direction: the target bar's count is the successes above.`,
    );
  else
    expect(await words.textContent()).toBe(
      `The target bar counts every target reached, whichever way the breakout went: ${formatCount(target)}, of which ${formatCount(evidence.succeeded)} broke out ${direction}, the pattern's direction (the successes above), and ${formatCount(target - evidence.succeeded)} broke out ${against}, against it.`,
    );
}

/** Every pattern alert of the symbols with its detail. */
async function patternAlertsOf(...symbols: string[]): Promise<Alert[]> {
  const pages = await Promise.all(
    symbols.map((symbol) => local.api<{ items: Alert[] }>(`/alerts?symbol=${symbol}&limit=100`)),
  );
  return Promise.all(
    pages
      .flatMap((page) => page.items)
      .filter((item) => item.source === "pattern")
      .map((item) => alertDetail(item.alertId)),
  );
}

beforeAll(async () => {
  local = await startTestSystem();
  browser = await launchBrowser();
  // The whole evidence: four years through POST /patterns, as SPX.
  const response = await fetch(`${local.system.apiUrl}/patterns`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": local.system.apiKeys.analyst },
    body: JSON.stringify({
      symbol: "SPX",
      interval: "1d",
      bars: sampleBars("2000-01-01", "2003-12-31"),
    }),
  });
  expect(response.status).toBe(200);
  // The running evidence: the same years on the market-data stream, as NDX.
  await local.stream("NDX", "2000-01-01", "2003-12-31");
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe("the evidence card", () => {
  it("shows the whole evidence POST /patterns stored, medians and KS included, as GET /alerts/{id} has it", async () => {
    const alert = await richestAlertOf("SPX");
    const ten = alert.evidence?.horizons[EDGE_HORIZON];
    assert(ten && "ks" in ten && "median" in ten.returns, "a POST-raised alert carries the whole evidence");
    assert(
      ten.ks && ten.returns.median !== null && ten.baseline.median !== null,
      "with 10-bar returns known",
    );
    const { context, page, card } = await openCard(alert.alertId);
    await expectFiguresOf(card, alert);
    expect(await card.locator('[data-evidence="kind"]').getAttribute("data-kind")).toBe("whole");
    const spread = (await card.locator('[data-evidence="distribution"]').textContent()) ?? "";
    expect(spread).toContain(
      `Median over the next ${EDGE_HORIZON} bars: ${formatReturn(ten.returns.median)} after the pattern, against ${formatReturn(ten.baseline.median)} after any bar.`,
    );
    expect(spread).toContain(`Kolmogorov–Smirnov D = ${ten.ks.D.toFixed(2)}`);
    expect(spread).toMatch(
      ten.ks.p < 0.01 ? /, p < 0\.01 / : new RegExp(`, p = ${ten.ks.p.toFixed(2).replace(".", "\\.")} `),
    );
    await screenshot(page, "60-evidence-whole");
    await context.close();
  });

  it("shows the stream's running evidence without medians or KS, and says they are left out", async () => {
    const alert = await richestAlertOf("NDX");
    const ten = alert.evidence?.horizons[EDGE_HORIZON];
    assert(ten, "a stream-raised alert carries evidence");
    expect("ks" in ten || "median" in ten.returns, "the stream's evidence is the running one").toBe(false);
    const { context, page, card } = await openCard(alert.alertId);
    const { text } = await expectFiguresOf(card, alert);
    const kind = card.locator('[data-evidence="kind"]');
    expect(await kind.getAttribute("data-kind")).toBe("running");
    expect(await kind.textContent()).toMatch(/no medians and no Kolmogorov–Smirnov test/);
    expect(await card.locator('[data-evidence="distribution"]').count()).toBe(0);
    expect(text).not.toMatch(/Median over/);
    await screenshot(page, "61-evidence-running");
    await context.close();
  });

  it("counts in its sentence the targets the pattern's way, and in its chart's target bar every one, and says so", async () => {
    // A real alert of a code that claims a direction whose past targets broke out both ways: the bar's count
    // (status "target") is more than the sentence's (succeeded), the case an approver could misread.
    const alerts = await patternAlertsOf("SPX", "NDX");
    const split = alerts.find(({ evidence }) => {
      if (!evidence || EXPECTED_DIRECTION[evidence.pattern] === undefined) return false;
      return evidence.succeeded > 0 && (evidence.status.target ?? 0) > evidence.succeeded;
    });
    assert(split?.evidence, "an alert of a directional code with targets reached both ways");
    const evidence = split.evidence;
    const { context, page, card } = await openCard(split.alertId);
    await expectFiguresOf(card, split);
    const direction = EXPECTED_DIRECTION[evidence.pattern] as string;
    const bar = card.locator('[data-testid="outcome-bars"] [data-status="target"]');
    // The bar's parts add up to its count, the claimed part to the sentence's.
    const parts = await bar
      .locator("[data-direction]")
      .evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute("data-count"))));
    expect(parts.reduce((sum, count) => sum + count, 0)).toBe(Number(await bar.getAttribute("data-count")));
    expect(
      await card.getByRole("img", { name: /^How past detections ended: / }).getAttribute("aria-label"),
    ).toContain(
      ` ${formatCount(evidence.status.target ?? 0)} target (${formatCount(evidence.succeeded)} after a breakout ${direction}, the pattern's direction; ${formatCount((evidence.status.target ?? 0) - evidence.succeeded)} ${direction === "up" ? "down" : "up"}, against it), `,
    );
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "63-evidence-targets-both-ways");
    await context.close();

    // A code that claims no direction: every target reached is a success, the sentence's count the bar's.
    const either = alerts.find(
      ({ evidence }) =>
        evidence && EXPECTED_DIRECTION[evidence.pattern] === undefined && (evidence.status.target ?? 0) > 0,
    );
    assert(either, "an alert of a code that claims no direction with a target reached");
    const opened = await openCard(either.alertId);
    await expectFiguresOf(opened.card, either);
    await opened.context.close();
  });

  it("says plainly when an alert came with no evidence", async () => {
    // As POST /patterns stored its alerts before it stored their evidence: a pattern alert without it.
    const source = await richestAlertOf("SPX");
    const alertId = "alr_without_evidence";
    const alerts = local.system.resources.tables.Alerts;
    assert(alerts, "the local system has no Alerts table");
    const {
      symbol,
      interval,
      severity,
      barTime,
      createdAt,
      message,
      status,
      pattern,
      confidence,
      patternId,
    } = source;
    await seedAlerts(local.system.endpoints.dynamodb, alerts, [
      {
        alertId,
        source: "pattern",
        symbol,
        interval,
        severity,
        barTime,
        createdAt,
        message,
        status,
        pattern,
        confidence,
        patternId,
      },
    ]);
    expect((await alertDetail(alertId)).evidence).toBeUndefined();
    const { context, page, card } = await openCard(alertId);
    expect(await card.getByTestId("no-evidence").textContent()).toBe("No evidence came with this alert.");
    expect(await card.locator("[data-evidence], [data-testid='outcome-bars']").count()).toBe(0);
    await screenshot(page, "62-evidence-none");
    await context.close();
  });
});
