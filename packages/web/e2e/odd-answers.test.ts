// End to end, the console in odd states (oddStates.ts): answers of the API that fail or refuse. A failed
// read offers Try again and loads on it; a refused question says which and why, with no Try again that could
// only be refused again; a decision is possible without the bars since the detection; a key the API no
// longer takes signs the tab out. Screenshots go to test-artifacts/ (31, 32).

import { describe, expect, it } from "vitest";
import { screenshot } from "./browser";
import { oddStates } from "./oddStates";
import { openTab, SOON, signIn } from "./tabs";

const odd = oddStates();

describe("the console in odd states", () => {
  it("says so when a pending alert's approval cannot be looked up, and finds it on Try again", async () => {
    const { alertId } = await odd.local.approvalSubject(odd.link);
    const { context, page } = await openTab(odd.browser);
    let failing = true;
    await page.route(/\/approvals\?status=PENDING/, async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({ status: 504, contentType: "text/plain", body: "gateway timeout" });
    });
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, odd.local.system.apiKeys.approver);
    await page.getByTestId("pattern-chart").waitFor();
    // Not "This alert waits for an approver.", as if there were nothing this approver could open.
    const notice = page.getByRole("alert");
    await notice.waitFor(SOON);
    expect(await page.getByTestId("approval-lookup-failed").textContent()).toBe(
      "This alert waits for a decision; its approval could not be looked up.",
    );
    expect(await notice.textContent()).toMatch(/^The API answered 504/);
    failing = false;
    await notice.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("link", { name: "open its approval" }).waitFor(SOON);
    expect(await page.getByRole("alert").count()).toBe(0);
    await context.close();
  });

  it("says which filter or Statistics question the API refused and why, with no Try again", async () => {
    const { context, page } = await openTab(odd.browser);
    await page.goto(`${odd.local.system.consoleUrl}#/alerts`);
    await signIn(page, odd.local.system.apiKeys.reader);
    // A list of symbols where the API takes one.
    await page.getByLabel("Symbol").fill("SPX, QQQ");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("symbol must be 1-20 letters, digits or . ^ = _ -");
    // Asking again the same refused question could only be refused again: the way on is the form above.
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    await screenshot(page, "31-filter-refused");
    // The same for the Statistics page's question.
    await page.goto(`${odd.local.system.consoleUrl}#/stats?symbol=SPX&interval=1d&asOf=last-friday`);
    await alert.waitFor();
    expect(await alert.textContent()).toContain("asOf: must be an ISO date");
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    await context.close();
  });

  it("lets an approver decide when the bars since the detection cannot be read", async () => {
    const { context, page } = await openTab(odd.browser);
    // The later detections (GET /patterns) are what the chart adds after detectedAt: an extra, not the alert.
    await page.route(/\/patterns\?/, (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Service Unavailable", status: 503, detail: "try again later" }),
      }),
    );
    await page.goto(odd.link);
    await signIn(page, odd.local.system.apiKeys.approver);
    await page.getByRole("heading", { level: 1, name: /^SPX · DTOP/ }).waitFor();
    expect(await page.getByRole("button", { name: "Approve…" }).count()).toBe(1);
    await page.getByTestId("pattern-chart").locator("canvas").first().waitFor();
    expect(await page.getByTestId("bars-after-failed").textContent()).toMatch(
      /^The bars since the detection could not be read \(The API answered 503: Service Unavailable: try again later\)/,
    );
    await screenshot(page, "32-bars-since-unreadable");
    await context.close();
  });

  it("offers to try again when the alert itself cannot be loaded, and loads it then", async () => {
    const { context, page } = await openTab(odd.browser);
    const { items } = await odd.local.api<{ items: { alertId: string }[] }>("/alerts?symbol=SPX&limit=1");
    const alertId = items[0]?.alertId as string;
    // The API has a bad moment: every answer for the alert is a 503 until the page says so, then it is back.
    let failing = true;
    await page.route(`**/alerts/${alertId}`, async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Service Unavailable", status: 503, detail: "try again later" }),
      });
    });
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, odd.local.system.apiKeys.reader);
    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("try again later");
    failing = false;
    await retry.click();
    await page.getByRole("heading", { level: 1, name: /^SPX · / }).waitFor();
    expect(await page.locator('[data-field="symbol"]').textContent()).toBe("SPX (1d)");
    await context.close();
  });

  it("offers to try again when the approval behind a link cannot be loaded, and loads it then", async () => {
    const { context, page } = await openTab(odd.browser);
    const token = new URL(odd.link).searchParams.get("token") as string;
    let failing = true;
    await page.route(`**/approvals/${token}`, async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Service Unavailable", status: 503, detail: "try again later" }),
      });
    });
    await page.goto(odd.link);
    await signIn(page, odd.local.system.apiKeys.approver);
    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("try again later");
    failing = false;
    await retry.click();
    await page.getByRole("heading", { level: 1, name: /^SPX · DTOP/ }).waitFor();
    expect(await page.getByRole("button", { name: "Approve…" }).count()).toBe(1);
    await context.close();
  });

  it("offers to try again when a page of the alert history cannot be loaded", async () => {
    const { context, page } = await openTab(odd.browser);
    let failing = true;
    await page.route(/\/alerts\?/, async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({ status: 504, contentType: "text/plain", body: "gateway timeout" });
    });
    // A reader signing in at the root lands on the alert history: its first page is the one that fails.
    await page.goto(odd.local.system.consoleUrl);
    await signIn(page, odd.local.system.apiKeys.reader);
    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    failing = false;
    await retry.click();
    await page.locator("table.alert-list tbody tr").first().waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    await context.close();
  });

  it("signs the tab out when the API no longer accepts the key a decision was sent with", async () => {
    const { context, page } = await openTab(odd.browser);
    // The key was rotated while the approver read the chart: the API answers the decision 401.
    await page.route("**/approve/*", (route) =>
      route.fulfill({
        status: 401,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Unauthorized", status: 401 }),
      }),
    );
    await page.goto(odd.link);
    await signIn(page, odd.local.system.apiKeys.approver);
    await page.getByRole("button", { name: "Approve…" }).click();
    await page.getByRole("button", { name: "Yes, approve" }).click();
    await page.getByText("The API no longer accepts this key. Sign in again.").waitFor();
    expect(await page.getByLabel("API key").count()).toBe(1);
    await context.close();
  });
});
