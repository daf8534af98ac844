// End to end: each thing a person does in the console asks the API once. The history's pages, its filters and
// the Back button each change the address; a page that loaded twice for one address doubled its reads of the
// Alerts table (each a stretch of the read budget) and let the later answer land over the earlier one.
import type { Alert } from "@stock-patterns/core";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HISTORY_PAGE_SIZE } from "../src/alerts/alertsApi";
import { REFRESH_MS } from "../src/approvals/PendingApprovals";
import { historyAlert, seededAlertId, seededHistory } from "./seededHistory";
import { openTab, SOON, signIn } from "./tabs";

/** How long after a page shows its answer a second request for the same action would have started. */
const SETTLE_MS = 1500;

/** Three pages and a half, every other alert HIGH. */
const history: Alert[] = Array.from({ length: 3.5 * HISTORY_PAGE_SIZE }, (_, i) =>
  historyAlert(i, {
    alertId: seededAlertId("c0", i),
    symbol: "SPX",
    severity: i % 2 === 0 ? "HIGH" : "MEDIUM",
  }),
);
const ids = history.map((alert) => alert.alertId);
const highIds = history.filter((alert) => alert.severity === "HIGH").map((alert) => alert.alertId);
const pageOf = (all: string[], n: number) => all.slice((n - 1) * HISTORY_PAGE_SIZE, n * HISTORY_PAGE_SIZE);

const seeded = seededHistory(history);

/** The API paths (with their query) a tab asks for with GET, as they start; `take` empties the record. */
function watchGets(page: Page, apiUrl: string) {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "GET" || !request.url().startsWith(apiUrl)) return;
    const url = new URL(request.url());
    seen.push(`${url.pathname}${url.search}`);
  });
  const take = async () => {
    await page.waitForTimeout(SETTLE_MS);
    return seen.splice(0);
  };
  return { take };
}

/** A signed-in tab at `hash`, its GET requests watched from the start. */
async function tabAt(hash: string, apiKey: string) {
  const { context, page } = await openTab(seeded.browser);
  const gets = watchGets(page, new URL(seeded.local.system.apiUrl).origin);
  await page.goto(`${seeded.local.system.consoleUrl}${hash}`);
  await signIn(page, apiKey);
  const rows = page.locator("table.alert-list tbody tr");
  const shown = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-alert-id")));
  return { context, page, gets, shown };
}

const isHistoryRead = (path: string) => path.startsWith("/alerts?");
const isStatsRead = (path: string) => path.startsWith("/stats");
/** What the Statistics page's live region says once its answer is in (empty before). */
const statsSaid = (page: Page) => () => page.getByRole("status").textContent();

describe("requests per action", () => {
  it("asks for one history page per opening, Next, Previous, filter change and Back", async () => {
    const { context, page, gets, shown } = await tabAt("#/alerts", seeded.local.system.apiKeys.reader);
    const next = page.getByRole("button", { name: "Next page" });
    const previous = page.getByRole("button", { name: "Previous page" });
    const historyReads = async () => (await gets.take()).filter(isHistoryRead);

    await expect.poll(shown, SOON).toEqual(pageOf(ids, 1));
    expect(await historyReads()).toEqual([`/alerts?limit=${HISTORY_PAGE_SIZE}`]);

    await next.click();
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 2));
    expect(await historyReads()).toHaveLength(1);

    await next.click();
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 3));
    expect(await historyReads()).toHaveLength(1);

    await previous.click();
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 2));
    expect(await historyReads()).toHaveLength(1);

    await page.getByLabel("Severity").selectOption("HIGH");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(shown, SOON).toEqual(pageOf(highIds, 1));
    expect(await historyReads()).toEqual([`/alerts?severity=HIGH&limit=${HISTORY_PAGE_SIZE}`]);

    await page.goBack();
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 2));
    expect(await historyReads()).toHaveLength(1);

    await page.goBack();
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 3));
    expect(await historyReads()).toHaveLength(1);
    await context.close();
  });

  it("asks for the history's first page once when a reader signs in at the console's root", async () => {
    const { context, page, gets, shown } = await tabAt("", seeded.local.system.apiKeys.reader);
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 1));
    expect(new URL(page.url()).hash).toBe("#/alerts");
    expect((await gets.take()).filter(isHistoryRead)).toEqual([`/alerts?limit=${HISTORY_PAGE_SIZE}`]);
    await context.close();
  });

  it("asks for an alert once when it is opened from the history, and the history page once on Back", async () => {
    const { context, page, gets, shown } = await tabAt("#/alerts", seeded.local.system.apiKeys.reader);
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 1));
    await gets.take();
    const alertReads = async () => (await gets.take()).filter((path) => path.startsWith("/alerts"));
    const [first] = pageOf(ids, 1);
    await page.locator(`tr[data-alert-id="${first}"]`).getByRole("link").click();
    await page.getByRole("link", { name: "← Alert history" }).waitFor();
    expect(await alertReads()).toEqual([`/alerts/${first}`]);
    await page.goBack();
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 1));
    expect(await alertReads()).toEqual([`/alerts?limit=${HISTORY_PAGE_SIZE}`]);
    await context.close();
  });

  it("asks for the statistics once on opening", async () => {
    const { context, page, gets } = await tabAt("#/stats?symbol=SPX", seeded.local.system.apiKeys.reader);
    await expect.poll(() => page.getByRole("status").textContent(), SOON).not.toBe("");
    expect((await gets.take()).filter((path) => path.startsWith("/stats"))).toHaveLength(1);
    await context.close();
  });

  it("asks for the statistics once when opened from the navigation, and once on Back to them", async () => {
    const { context, page, gets, shown } = await tabAt("#/alerts", seeded.local.system.apiKeys.reader);
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 1));
    await gets.take();
    const nav = page.getByRole("navigation", { name: "Console" });
    await nav.getByRole("link", { name: "Statistics" }).click();
    await expect.poll(statsSaid(page), SOON).not.toBe("");
    expect((await gets.take()).filter(isStatsRead)).toHaveLength(1);

    await nav.getByRole("link", { name: "Alert history" }).click();
    await expect.poll(shown, SOON).toEqual(pageOf(ids, 1));
    await gets.take();
    await page.goBack();
    await expect.poll(statsSaid(page), SOON).not.toBe("");
    expect((await gets.take()).filter(isStatsRead)).toHaveLength(1);
    await context.close();
  });

  it("asks for the statistics once at an address without a question, and not again for the same one reworded", async () => {
    const { context, page, gets } = await tabAt("#/stats", seeded.local.system.apiKeys.reader);
    await expect.poll(statsSaid(page), SOON).not.toBe("");
    expect((await gets.take()).filter(isStatsRead)).toHaveLength(1);
    // The navigation's link words the same question out (#/stats?interval=1d): nothing new to ask.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Statistics" }).click();
    await expect.poll(() => new URL(page.url()).hash, SOON).not.toBe("#/stats");
    expect((await gets.take()).filter(isStatsRead)).toHaveLength(0);
    await context.close();
  });

  it("asks for the pending approvals once when an approver signs in at the console's root", async () => {
    const { context, page, gets } = await tabAt("", seeded.local.system.apiKeys.approver);
    await page.getByRole("heading", { name: "Pending approvals" }).waitFor();
    expect(new URL(page.url()).hash).toBe("#/approvals");
    expect((await gets.take()).filter((path) => path.startsWith("/approvals"))).toHaveLength(1);
    await context.close();
  });

  it("asks for the pending approvals once on opening, then once a poll", async () => {
    const { context, page, gets } = await tabAt("#/approvals", seeded.local.system.apiKeys.approver);
    await page.getByRole("heading", { name: "Pending approvals" }).waitFor();
    const approvalReads = async () => (await gets.take()).filter((path) => path.startsWith("/approvals"));
    expect(await approvalReads()).toHaveLength(1);
    // The next poll, and no other read beside it.
    await page.waitForRequest((request) => new URL(request.url()).pathname === "/approvals", {
      timeout: 2 * REFRESH_MS,
    });
    expect(await approvalReads()).toHaveLength(1);
    await context.close();
  });
});
