// End to end: a pending alert's page when many approvals wait, as on a busy day (about 1,200 open at a time
// at 8,000 symbols and 1-minute bars, tens of thousands at 1-second bars: docs/capacity.md, Approvals). The
// page links its own approval after reading that alert's approvals, not every open one; the pending list
// shows the oldest a hundred at a time, reading only the pages that hold them, and none of the approvals past
// their hour that nothing has closed yet, however many of them lead the open index.
import assert from "node:assert/strict";
import { sha256Hex } from "@stock-patterns/core";
import { APPROVAL_OPEN_RETENTION_SECONDS, TABLES } from "@stock-patterns/core/catalog";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORY_PAGE_SIZE } from "../src/alerts/alertsApi";
import { routeHash } from "../src/app/routes";
import { decisionPath } from "../src/approvals/approvalsApi";
import { PENDING_ROWS_SHOWN } from "../src/approvals/PendingApprovals";
import { launchBrowser, screenshot } from "./browser";
import { putItems, seedAlerts } from "./seedAlerts";
import { historyAlert, seededAlertId } from "./seededHistory";
import { openTab, SOON, signIn } from "./tabs";
import { startTestSystem, type TestSystem } from "./testSystem";

/** Open approvals of other alerts: more than the pending list could read at once (20 pages of 100). */
const OTHERS = 2_050;
/**
 * Approvals still PENDING past their hour, ahead of every decidable one in the open index: as many again, 20
 * a second as at 1-second bars (docs/capacity.md), so the last 103 s' worth, inside the sweep's 10-minute grace.
 */
const OVERDUE = 2_050;
/** The one value of the open index's partition key (OPEN_FEED in functions' approvals/approval-table.ts). */
const OPEN_FEED = "open";
const OPEN = TABLES.ApprovalTracking.indexes[1];

const now = Date.now();
const epoch = (ms: number) => Math.floor(ms / 1000);

/** An open approval as the API stores it, for `alertId`, decidable until `deadline` (epoch ms). */
function openApproval(n: number, alertId: string, deadline: number) {
  const deadlineEpoch = epoch(deadline);
  return {
    tokenHash: sha256Hex(`token-${n}-${now}`),
    alertId,
    status: "PENDING",
    createdAt: new Date(deadline - 3_600_000).toISOString(),
    expiresAt: new Date(deadline).toISOString(),
    symbol: "NOISE",
    interval: "1d",
    severity: "CRITICAL",
    summary: "close moved 9.1 %",
    [OPEN.sortKey]: deadlineEpoch,
    expiresAtEpoch: deadlineEpoch + APPROVAL_OPEN_RETENTION_SECONDS,
    [OPEN.partitionKey]: OPEN_FEED,
  };
}

// The newest request: its deadline the latest, so the last in the open index's order.
const mine = openApproval(OTHERS, "alr_waiting_000001", now + 59 * 60_000);
const others = Array.from({ length: OTHERS }, (_, i) =>
  openApproval(i, `alr_other_${String(i).padStart(6, "0")}`, now + 5 * 60_000 + i * 1_000),
);
const overdue = Array.from({ length: OVERDUE }, (_, i) =>
  openApproval(OTHERS + 2 + i, `alr_overdue_${String(i).padStart(6, "0")}`, now - 60_000 - i * 50),
);

/**
 * A symbol's history of two pages (CRITICAL filter): a page of published alerts, then, older, one waiting
 * for an approver, whose approval is among the open ones (its deadline late, past what the list reads).
 */
const paged = Array.from({ length: HISTORY_PAGE_SIZE }, (_, i) =>
  historyAlert(i, {
    alertId: seededAlertId("9a", i),
    symbol: "PAGED",
    severity: "CRITICAL",
  }),
);
const pagedWaiting = {
  ...historyAlert(HISTORY_PAGE_SIZE, {
    alertId: seededAlertId("9b", 2),
    symbol: "PAGED",
    severity: "CRITICAL",
  }),
  status: "PENDING_APPROVAL" as const,
};
const pagedApproval = openApproval(OTHERS + 1, pagedWaiting.alertId, now + 58 * 60_000);

let local: TestSystem;
let browser: Browser;

beforeAll(async () => {
  local = await startTestSystem();
  browser = await launchBrowser();
  const { Alerts, ApprovalTracking } = local.system.resources.tables;
  assert(Alerts && ApprovalTracking, "the local system has no Alerts or ApprovalTracking table");
  await seedAlerts(local.system.endpoints.dynamodb, Alerts, [
    {
      alertId: mine.alertId,
      source: "threshold",
      symbol: "RARE",
      interval: "1d",
      severity: "CRITICAL",
      barTime: "2024-05-31",
      createdAt: mine.createdAt,
      message: "close moved 9.1 %",
      status: "PENDING_APPROVAL",
      rule: "priceMove",
      measures: { movePct: 9.1 },
    },
  ]);
  await seedAlerts(local.system.endpoints.dynamodb, Alerts, [...paged, pagedWaiting]);
  await putItems(local.system.endpoints.dynamodb, ApprovalTracking, [
    ...others,
    mine,
    pagedApproval,
    ...overdue,
  ]);
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe("a pending alert's page among many open approvals", () => {
  it("links its approval from one look-up of that alert's approvals", async () => {
    const { context, page } = await openTab(browser);
    const lookups: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (request.method() === "GET" && /\/approvals(\/[^/]+\/decision)?$/.test(url.pathname))
        lookups.push(`${url.pathname.replace(/^.*(?=\/approvals)/, "")}${url.search}`);
    });
    await page.goto(`${local.system.consoleUrl}#/alerts/${mine.alertId}`);
    await signIn(page, local.system.apiKeys.approver);
    await page.getByRole("heading", { level: 1, name: /^RARE · / }).waitFor();
    const note = page.locator("p.notice").filter({ hasText: /^This alert waits/ });
    await expect.poll(() => note.textContent(), SOON).not.toMatch(/looking up its approval/);
    await screenshot(page, "45-pending-alert-among-many");
    expect(await note.textContent()).toBe("This alert waits for a decision: open its approval.");
    expect(await note.getByRole("link", { name: "open its approval" }).getAttribute("href")).toBe(
      routeHash({ page: "approval", tokenHash: mine.tokenHash, alertId: mine.alertId }),
    );
    expect(lookups).toEqual([`/approvals?status=PENDING&alertId=${mine.alertId}&limit=100`]);

    // Its approval's page, opened from there, reads it by its id: one request, however many wait.
    lookups.length = 0;
    await note.getByRole("link", { name: "open its approval" }).click();
    await page.getByRole("button", { name: "Approve…" }).waitFor(SOON);
    expect(await page.getByTestId("not-pending").count()).toBe(0);
    expect(lookups).toEqual([`/approvals/${mine.tokenHash}/decision`]);
    await screenshot(page, "46-approval-among-many");
    await context.close();
  });

  it("lists the oldest a hundred at a time, reading only those it shows, more on request", async () => {
    const { context, page } = await openTab(browser);
    // Each read of the list: its requests (the first without a cursor) and the approvals each answer held.
    const reads: number[][] = [];
    page.on("response", async (response) => {
      const url = new URL(response.url());
      if (!url.pathname.endsWith("/approvals") || url.searchParams.get("status") !== "PENDING") return;
      if (url.searchParams.has("alertId")) return;
      if (!url.searchParams.has("cursor")) reads.push([]);
      const { items } = (await response.json()) as { items: unknown[] };
      reads.at(-1)?.push(items.length);
    });
    await page.goto(`${local.system.consoleUrl}#/approvals`);
    await signIn(page, local.system.apiKeys.approver);
    const list = page.getByRole("list", { name: "Pending approvals, oldest first" });
    const rows = list.getByRole("listitem");
    const count = page.getByTestId("pending-count");
    await expect.poll(() => count.textContent(), SOON).toMatch(/approvals? wait/);
    const oldest = [...others].sort((a, b) => a.deadlineEpoch - b.deadlineEpoch);
    const oldestFirst = oldest.map((a) => a.alertId);
    const shown = () => rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-alert-id")));
    expect(await shown()).toEqual(oldestFirst.slice(0, PENDING_ROWS_SHOWN));
    // The list's read: one page of the 100 shown, not every open approval (20 pages, 2,000 of 2,052), nor
    // the 2,050 past their hour ahead of them.
    expect(reads[0]).toEqual([PENDING_ROWS_SHOWN]);
    expect(await count.textContent()).toBe(`${PENDING_ROWS_SHOWN} or more approvals wait for a decision.`);
    await screenshot(page, "47-pending-list-among-many");

    // More on request, focus on the first row added; the reads from then on hold the 200 shown.
    await page.getByRole("button", { name: `Show ${PENDING_ROWS_SHOWN} more` }).click();
    await expect.poll(shown).toEqual(oldestFirst.slice(0, 2 * PENDING_ROWS_SHOWN));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.parentElement?.dataset.alertId))
      .toBe(oldestFirst[PENDING_ROWS_SHOWN]);
    expect(reads.at(-1)).toEqual([PENDING_ROWS_SHOWN, PENDING_ROWS_SHOWN]);

    // The oldest, decided elsewhere, leaves at the next refresh, and the next one waiting fills the 200.
    const answer = await fetch(`${local.system.apiUrl}${decisionPath({ id: oldest[0]?.tokenHash ?? "" })}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": local.system.apiKeys.approver },
      body: JSON.stringify({ decision: "reject" }),
    });
    expect(answer.status).toBe(200);
    await expect.poll(shown, SOON).toEqual(oldestFirst.slice(1, 2 * PENDING_ROWS_SHOWN + 1));
    await context.close();
  });
});

describe("an approval opened from a history page's alert, decided since", () => {
  it("leads back to the history page the alert was opened from", async () => {
    const { context, page } = await openTab(browser);
    await page.goto(`${local.system.consoleUrl}#/alerts?symbol=PAGED&severity=CRITICAL`);
    await signIn(page, local.system.apiKeys.approver);
    const history = page.getByRole("region", { name: "Alert history" });
    const rows = history.locator("table.alert-list tbody tr");
    const shown = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-alert-id")));
    await expect.poll(shown, SOON).toEqual(paged.map((alert) => alert.alertId));
    await history.getByRole("button", { name: "Next page" }).click();
    await expect.poll(shown, SOON).toEqual([pagedWaiting.alertId]);
    const pageTwo = new URL(page.url()).hash;
    expect(pageTwo).toMatch(/^#\/alerts\?severity=CRITICAL&symbol=PAGED&cursor=.+$/);

    await rows.first().getByRole("link").click();
    const note = page.locator("p.notice").filter({ hasText: /^This alert waits/ });
    const approvalLink = note.getByRole("link", { name: "open its approval" });
    await approvalLink.waitFor(SOON);
    expect(await page.getByRole("link", { name: "← Alert history" }).getAttribute("href")).toBe(pageTwo);
    // Another approver rejects it before this one follows the link.
    const answer = await fetch(`${local.system.apiUrl}${decisionPath({ id: pagedApproval.tokenHash })}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": local.system.apiKeys.approver },
      body: JSON.stringify({ decision: "reject", comment: "Decided in another tab." }),
    });
    expect(answer.status).toBe(200);
    await approvalLink.click();
    const notPending = page.getByTestId("not-pending");
    await notPending.waitFor(SOON);
    const back = notPending.getByRole("link", { name: "alert history" });
    expect(await back.getAttribute("href")).toBe(pageTwo);
    // A reload keeps where the alert was opened from (the tab's history entry holds it).
    await page.reload();
    await notPending.waitFor(SOON);
    expect(await back.getAttribute("href")).toBe(pageTwo);
    await back.click();
    await expect.poll(shown, SOON).toEqual([pagedWaiting.alertId]);
    expect(new URL(page.url()).hash).toBe(pageTwo);
    expect(await history.getByText(/^Page \d+$/).textContent()).toBe("Page 2");
    await context.close();
  });
});
