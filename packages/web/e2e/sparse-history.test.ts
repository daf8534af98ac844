// End to end: the alert history with a filter that matches few of many alerts. The API reads a bounded
// stretch of alerts per request (core's PAGE_READ_BUDGET) and answers short pages with a cursor; the console
// follows it to fill a page, shows what it found, and says when older alerts remain to be searched. One
// symbol's history is read from the symbol's own alerts: its first page shows them, however far apart.
import type { Alert } from "@stock-patterns/core";
import { PAGE_READ_BUDGET } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { HISTORY_PAGE_SIZE, HISTORY_REQUESTS_PER_PAGE } from "../src/alerts/alertsApi";
import { screenshot } from "./browser";
import { historyAlert, seededAlertId, seededHistory } from "./seededHistory";
import { openTab, SOON, signIn } from "./tabs";

/** Alerts one history page searches at most. */
const SEARCHED_PER_PAGE = PAGE_READ_BUDGET.items * HISTORY_REQUESTS_PER_PAGE;
/** The history, newest first: two pages' search and a bit more. */
const HISTORY = 2 * SEARCHED_PER_PAGE + PAGE_READ_BUDGET.items / 2;
/**
 * Where the RARE alerts sit, the only HIGH ones, counted from the newest: three past what one request reads
 * (so a page that did not follow the cursor would show none), none in the second page's stretch, one at the
 * very end.
 */
const RARE_AT = [
  PAGE_READ_BUDGET.items + 500,
  2 * PAGE_READ_BUDGET.items + 500,
  3 * PAGE_READ_BUDGET.items + 500,
  HISTORY - 1,
];

const history: Alert[] = Array.from({ length: HISTORY }, (_, i) =>
  historyAlert(i, {
    alertId: seededAlertId("a1", i),
    symbol: RARE_AT.includes(i) ? "RARE" : "NOISE",
    severity: RARE_AT.includes(i) ? "HIGH" : "MEDIUM",
  }),
);
const rare = (n: number) => seededAlertId("a1", RARE_AT[n] as number);

const seeded = seededHistory(history);

/** A tab signed in with the reader key on the history at `hash`: its rows, and the alert ids they show. */
async function historyTab(hash: string) {
  const { context, page } = await openTab(seeded.browser);
  await page.goto(`${seeded.local.system.consoleUrl}${hash}`);
  await signIn(page, seeded.local.system.apiKeys.reader);
  const rows = page.locator("table.alert-list tbody tr");
  const shown = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-alert-id")));
  return { context, page, rows, shown };
}

describe("the alert history with a sparse filter", () => {
  it("fills each page by following the cursor and says when older alerts remain", async () => {
    const { context, page, rows, shown } = await historyTab("#/alerts?severity=HIGH");
    const searchedOn = page.getByTestId("history-searched-on");
    const next = page.getByRole("button", { name: "Next page" });

    // Page 1 searched its whole stretch: the three matches in it, and the note that older ones remain.
    await expect.poll(shown, SOON).toEqual([rare(0), rare(1), rare(2)]);
    await searchedOn.waitFor();
    await screenshot(page, "40-history-sparse-page-1");

    // Page 2's stretch holds no match: it says so, and still offers to search on.
    await next.click();
    const status = page.getByRole("status");
    await expect
      .poll(() => status.textContent(), SOON)
      .toBe("No alerts match these filters among the alerts searched so far.");
    expect(await rows.count()).toBe(0);
    expect(await next.isEnabled()).toBe(true);

    // Page 3 reaches the oldest alert: the last match, and no further page.
    await next.click();
    await expect.poll(shown, SOON).toEqual([rare(3)]);
    expect(await searchedOn.count()).toBe(0);
    expect(await next.isDisabled()).toBe(true);
    expect(await page.getByText(/^Page \d$/).textContent()).toBe("Page 3");
    await context.close();
  });

  it("moves one page for a double click on Next page, and numbers it by what it shows", async () => {
    const { context, page, shown } = await historyTab("#/alerts");
    const ids = history.map((alert) => alert.alertId);
    await expect.poll(shown, SOON).toEqual(ids.slice(0, HISTORY_PAGE_SIZE));
    // The second click lands on the same button before the next page has started to load.
    await page.getByRole("button", { name: "Next page" }).dblclick();
    await expect.poll(shown, SOON).toEqual(ids.slice(HISTORY_PAGE_SIZE, 2 * HISTORY_PAGE_SIZE));
    await page.waitForLoadState("networkidle");
    expect(await page.getByText(/^Page \d+$/).textContent()).toBe("Page 2");
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect.poll(shown, SOON).toEqual(ids.slice(0, HISTORY_PAGE_SIZE));
    expect(await page.getByText(/^Page \d+$/).textContent()).toBe("Page 1");
    await context.close();
  });

  it("comes back to the page it was on when the back button leaves an alert opened from it", async () => {
    const { context, page, rows, shown } = await historyTab("#/alerts");
    const ids = history.map((alert) => alert.alertId);
    const pageOf = (n: number) => ids.slice((n - 1) * HISTORY_PAGE_SIZE, n * HISTORY_PAGE_SIZE);
    const pageShown = page.getByText(/^Page \d+$/);
    await expect.poll(shown, SOON).toEqual(pageOf(1));
    for (const n of [2, 3]) {
      await page.getByRole("button", { name: "Next page" }).click();
      await expect.poll(shown, SOON).toEqual(pageOf(n));
    }
    await rows.first().getByRole("link").click();
    await page.getByRole("link", { name: "← Alert history" }).waitFor();
    await page.goBack();
    // Page 3 again (it was page 1), and Previous page goes on from there.
    await expect.poll(shown, SOON).toEqual(pageOf(3));
    expect(await pageShown.textContent()).toBe("Page 3");
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect.poll(shown, SOON).toEqual(pageOf(2));
    expect(await pageShown.textContent()).toBe("Page 2");
    // The navigation's link, from an alert, is a new visit: it starts at the newest alerts.
    await rows.first().getByRole("link").click();
    await page.getByRole("link", { name: "← Alert history" }).waitFor();
    await page
      .getByRole("navigation", { name: "Console" })
      .getByRole("link", { name: "Alert history" })
      .click();
    await expect.poll(shown, SOON).toEqual(pageOf(1));
    expect(await pageShown.textContent()).toBe("Page 1");
    await context.close();
  });

  it("leads back from an alert to the history page it was opened from, and from a shared alert link to page 1", async () => {
    const { context, page, rows, shown } = await historyTab("#/alerts?severity=HIGH");
    const next = page.getByRole("button", { name: "Next page" });
    await expect.poll(shown, SOON).toEqual([rare(0), rare(1), rare(2)]);
    await next.click();
    await expect
      .poll(() => page.getByRole("status").textContent(), SOON)
      .toBe("No alerts match these filters among the alerts searched so far.");
    await next.click();
    await expect.poll(shown, SOON).toEqual([rare(3)]);
    const pageThree = new URL(page.url()).hash;
    expect(pageThree).toMatch(/^#\/alerts\?severity=HIGH&cursor=.+&cursor=.+$/);
    const back = page.getByRole("link", { name: "← Alert history" });

    await rows.first().getByRole("link").click();
    await back.waitFor();
    expect(await back.getAttribute("href")).toBe(pageThree);
    // A reload of the alert keeps where it was opened from (the tab's history entry holds it).
    await page.reload();
    await back.waitFor();
    expect(await back.getAttribute("href")).toBe(pageThree);
    // Followed from the keyboard: page 3 of the same filters, focus at the top of the content.
    await back.focus();
    await page.keyboard.press("Enter");
    await expect.poll(shown, SOON).toEqual([rare(3)]);
    expect(new URL(page.url()).hash).toBe(pageThree);
    expect(await page.getByText(/^Page \d$/).textContent()).toBe("Page 3");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await context.close();

    // The same alert from a shared link, in a fresh tab: the history's page 1.
    const shared = await historyTab(`#/alerts/${rare(3)}`);
    const sharedBack = shared.page.getByRole("link", { name: "← Alert history" });
    await sharedBack.waitFor();
    expect(await sharedBack.getAttribute("href")).toBe("#/alerts");
    await shared.context.close();
  });

  it("opens the page its address names: page 3's address in a new tab, after a reload, and Previous from it", async () => {
    const ids = history.map((alert) => alert.alertId);
    const pageOf = (n: number) => ids.slice((n - 1) * HISTORY_PAGE_SIZE, n * HISTORY_PAGE_SIZE);
    const first = await historyTab("#/alerts");
    await expect.poll(first.shown, SOON).toEqual(pageOf(1));
    for (const n of [2, 3]) {
      await first.page.getByRole("button", { name: "Next page" }).click();
      await expect.poll(first.shown, SOON).toEqual(pageOf(n));
    }
    // The address copied from page 3, opened in a fresh tab (its own sessionStorage and history).
    const copied = new URL(first.page.url()).hash;
    await first.context.close();
    const { context, page, shown } = await historyTab(copied);
    const pageShown = page.getByText(/^Page \d+$/);
    await expect.poll(shown, SOON).toEqual(pageOf(3));
    expect(await pageShown.textContent()).toBe("Page 3");
    await page.reload();
    await expect.poll(shown, SOON).toEqual(pageOf(3));
    expect(await pageShown.textContent()).toBe("Page 3");
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect.poll(shown, SOON).toEqual(pageOf(2));
    expect(await pageShown.textContent()).toBe("Page 2");
    // Each page is an entry of the browser's history, as its own address: Back returns to page 3.
    await page.goBack();
    await expect.poll(shown, SOON).toEqual(pageOf(3));
    expect(await pageShown.textContent()).toBe("Page 3");
    await context.close();
  });

  it("says so when the API refuses its address's cursor, and leads to page 1 of the same filters", async () => {
    // A cursor of one symbol's history, which the history of every symbol does not take (400 on query.cursor),
    // and one that is no cursor at all (an address cut short or edited).
    const { cursor } = await seeded.local.api<{ cursor: string }>("/alerts?symbol=NOISE&limit=1");
    for (const refused of [cursor, "bm90LWEtY3Vyc29y"]) {
      const { context, page, rows, shown } = await historyTab(`#/alerts?severity=HIGH&cursor=${refused}`);
      const said = page.getByTestId("history-cursor-refused");
      await expect
        .poll(() => said.textContent(), SOON)
        .toMatch(/does not take the page named in this address/);
      expect(await rows.count()).toBe(0);
      expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
      await screenshot(page, "41-history-cursor-refused");
      // From the keyboard: the link goes with the sentence, and focus goes to the top of the content, not the body.
      await said.getByRole("link", { name: "page 1" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(shown, SOON).toEqual([rare(0), rare(1), rare(2)]);
      expect(new URL(page.url()).hash).toBe("#/alerts?severity=HIGH");
      expect(await said.count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
      await context.close();
    }
  });

  it("keeps the keyboard on the pager button pressed, paging forward to the end and back", async () => {
    const { context, page } = await historyTab("#/alerts?severity=HIGH");
    const pageShown = page.getByText(/^Page \d+$/);
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? null);
    const status = page.getByRole("status");
    /** What the live region says of each page once loaded (page 2's stretch holds no match). */
    const said: Record<number, string> = {
      1: "3 alerts shown, page 1.",
      2: "No alerts match these filters among the alerts searched so far.",
      3: "1 alert shown, page 3.",
    };
    /** Presses Enter where focus is and waits for that page to have loaded (no neighbour says the same). */
    const pressFor = async (pageNo: number) => {
      await page.keyboard.press("Enter");
      await expect
        .poll(async () => [await pageShown.textContent(), await status.textContent()], SOON)
        .toEqual([`Page ${pageNo}`, said[pageNo]]);
    };
    await expect.poll(() => status.textContent(), SOON).toBe(said[1]);
    await page.getByRole("button", { name: "Next page" }).focus();
    // Pages 2 and 3 (the last): each time the button that was pressed keeps focus, so Enter goes on.
    await pressFor(2);
    expect(await focused()).toBe("Next page");
    await pressFor(3);
    expect(await focused()).toBe("Next page");
    expect(await page.getByRole("button", { name: "Next page" }).isDisabled()).toBe(true);
    // Enter on a Next page with nowhere to go does nothing.
    await page.keyboard.press("Enter");
    expect(await pageShown.textContent()).toBe("Page 3");
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("Previous page");
    await pressFor(2);
    expect(await focused()).toBe("Previous page");
    await pressFor(1);
    expect(await focused()).toBe("Previous page");
    await context.close();
  });
});

describe("the alert history of one symbol", () => {
  it("shows the symbol's alerts in its first page, however many of other symbols lie between them", async () => {
    const { context, page, shown } = await historyTab("#/alerts?symbol=RARE");
    // The API reads them from the symbol's own index: one request, no stretch of the feed left to search.
    await expect.poll(shown, SOON).toEqual([rare(0), rare(1), rare(2), rare(3)]);
    expect(await page.getByTestId("history-searched-on").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Next page" }).isDisabled()).toBe(true);
    await context.close();
  });
});
