// End to end: the console in a real headless Chromium against the whole local system (API, handlers,
// emulators). A CRITICAL pattern in real S&P 500 bars raises approvals; approvers decide them through the
// approve link or from the list; a reader cannot. Each page's screenshot goes to test-artifacts/.
import assert from "node:assert";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORY_PAGE_SIZE } from "../src/alerts/alertsApi";
import { REFRESH_MS } from "../src/approvals/PendingApprovals";
import { launchBrowser, screenshot } from "./browser";
import { chartLabelOverlaps, recordChartLabels } from "./chartLabels";
import { expireApproval } from "./expireApproval";
import { openTab as openTabIn, SOON, signIn } from "./tabs";
import { type ApprovalSubject, startTestSystem, type TestSystem } from "./testSystem";

let local: TestSystem;
let browser: Browser;
/** The first approval request (SPX) and what the API says it is about. */
let link: string;
let expected: ApprovalSubject;

const openTab = (width?: number, height?: number) => openTabIn(browser, width, height);

beforeAll(async () => {
  local = await startTestSystem();
  browser = await launchBrowser();
  await local.analyse("SPX");
  link = await local.linkFor("SPX");
  expected = await local.approvalSubject(link);
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe("the approver console", () => {
  it("is served with its security headers, runs under them, and cannot be framed", async () => {
    const { context, page } = await openTab();
    await page.addInitScript(() => {
      const refused: string[] = [];
      (window as unknown as { refused: string[] }).refused = refused;
      document.addEventListener("securitypolicyviolation", (e) => refused.push(e.violatedDirective));
    });
    const answer = await page.goto(link);
    const headers = answer?.headers() ?? {};
    expect(headers["content-security-policy"]).toContain("script-src 'self'");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["strict-transport-security"]).toBe("max-age=31536000");
    // The page the link opens, with its chart: nothing it does is refused by its own policy.
    await signIn(page, local.system.apiKeys.approver);
    await page.getByTestId("pattern-chart").locator("canvas").first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { refused: string[] }).refused)).toEqual([]);
    // Another page that frames the console gets nothing of it.
    const framing = await context.newPage();
    await framing.setContent(`<iframe src="${local.system.apiUrl}/" width="800" height="600"></iframe>`);
    const frame = framing.frames()[1];
    assert(frame, "the framing page has its frame");
    await frame.waitForLoadState();
    expect(await frame.locator("#root").count()).toBe(0);
    await context.close();
  });

  it("lists pending approvals oldest first with the time left, refreshed live", async () => {
    const { context, page } = await openTab();
    // The list's timers run on a clock the test moves on (time runs as usual otherwise): its next refresh
    // comes when the test says, not up to REFRESH_MS after a new approval.
    await page.clock.install();
    await page.goto(local.system.consoleUrl);
    await page.getByLabel("API key").fill("not-a-key-of-this-system");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("This key is not recognised. Check it and try again.");
    await screenshot(page, "01-sign-in-refused");
    // Keyboard only: the key field has focus on arrival, Enter submits.
    await page.getByLabel("API key").fill("");
    await page.keyboard.type(local.system.apiKeys.approver);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(await page.getByTestId("role").textContent()).toBe("approver");
    const list = page.getByRole("list", { name: "Pending approvals, oldest first" });
    await list.waitFor();
    const rows = list.getByRole("listitem");
    await expect.poll(() => rows.count(), SOON).toBe(1);
    expect(await rows.first().textContent()).toMatch(/^SPX \(1d\): .*CRITICAL.*\d+ min \d+ s left$/);
    // A screen reader hears the count when it changes (a live region), not every 5 s refresh.
    const count = page.getByTestId("pending-count");
    expect(await count.getAttribute("role")).toBe("status");
    expect(await count.textContent()).toBe("1 approval waits for a decision.");
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(1);
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
    // A newer approval appears without reloading the page, below the older one.
    await local.analyse("GSPC");
    await local.linkFor("GSPC");
    await page.clock.fastForward(REFRESH_MS);
    await expect.poll(() => rows.count(), SOON).toBe(2);
    expect(await count.textContent()).toBe("2 approvals wait for a decision.");
    expect(await rows.nth(0).textContent()).toMatch(/^SPX \(1d\)/);
    expect(await rows.nth(1).textContent()).toMatch(/^GSPC \(1d\)/);
    await screenshot(page, "02-pending-approvals");
    // Opened from the list (no link in this tab), the approval shows its alert and the decision.
    await rows.nth(1).getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /^GSPC · / }).waitFor();
    await page.getByTestId("pattern-chart").locator("canvas").first().waitFor();
    expect(await page.getByRole("button", { name: "Approve…" }).count()).toBe(1);
    await screenshot(page, "02b-approval-from-list");
    await context.close();
  });

  it("counts the time left on the API's clock, not on a browser clock ten minutes ahead", async () => {
    const { context, page } = await openTab();
    await page.clock.install({ time: Date.now() + 10 * 60_000 });
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.approver);
    const left = page.getByRole("list", { name: "Pending approvals, oldest first" }).locator("time").first();
    await left.waitFor(SOON);
    const expiresAt = Date.parse((await left.getAttribute("datetime")) ?? "");
    // The server runs on this process's clock: the time it leaves, give or take the seconds a check takes.
    const missedBy = async () => {
      const [, minutes, seconds] = /^(\d+) min (\d+) s left$/.exec((await left.textContent()) ?? "") ?? [];
      return Math.abs(Number(minutes) * 60 + Number(seconds) - (expiresAt - Date.now()) / 1000);
    };
    await expect.poll(missedBy, SOON).toBeLessThan(5);
    await context.close();
  });

  it("lets an approver open the approve link, see the chart and approve", async () => {
    const { context, page } = await openTab();
    await page.goto(link);
    await signIn(page, local.system.apiKeys.approver);
    expect(page.url()).not.toContain("token=");
    await page
      .getByRole("heading", { level: 1, name: `SPX · ${expected.pattern} · ${expected.name}` })
      .waitFor();
    expect(await page.locator('[data-field="severity"]').textContent()).toBe("CRITICAL");
    expect(await page.locator(".expiry").textContent()).toMatch(/Waiting for a decision: \d+ min \d+ s left/);
    const chart = page.getByTestId("pattern-chart");
    await chart.locator("canvas").first().waitFor();
    // The chart draws the extrema the API stored and a candle for each bar the detection was found on, and
    // (the analysis stores each detection's outcome, so it is followed) for each bar since that the page
    // found: the stream holds no SPX bars here, so they come from the analysis' later detections.
    expect(expected.bars).toBeGreaterThan(expected.extrema);
    expect(await page.getByTestId("no-bars").count()).toBe(0);
    expect(await chart.getAttribute("data-extrema")).toBe(String(expected.extrema));
    const since = page.getByTestId("bars-after");
    expect(await since.textContent()).toMatch(
      /from later detections stored for SPX \(the stream holds no bars of SPX\)|^The chart ends at the detection: the stream holds no bars of SPX/,
    );
    const after = Number(await since.getAttribute("data-bars-after"));
    expect(await chart.getAttribute("data-candles")).toBe(String(expected.bars + after));
    const extremaRows = page.getByRole("table", { name: "Extrema of the pattern" }).locator("tbody tr");
    expect(await extremaRows.count()).toBe(expected.extrema);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, "03-approval-with-chart");

    // Two more approvers have the same approval open, and will be too late. Their pages cannot read the
    // approval again (refreshes lost on the way), so they still offer the confirmation when they click: one
    // to reject, one to approve as well.
    const late = await openTab();
    await late.page.goto(link);
    await signIn(late.page, local.system.apiKeys.approver);
    await late.page.getByRole("button", { name: "Reject…" }).click();
    const same = await openTab();
    await same.page.goto(link);
    await signIn(same.page, local.system.apiKeys.approver);
    // A comment of its own, which the repeat cannot record: the approver is told so.
    await same.page.getByLabel("Comment (optional)").fill("Breakout on volume.");
    await same.page.getByRole("button", { name: "Approve…" }).click();
    for (const tab of [late, same]) await tab.page.route("**/approvals/*", (route) => route.abort("failed"));

    // Keyboard only: comment, Tab to "Approve…", Enter; focus moves to the confirmation; Tab, Enter.
    await page.getByLabel("Comment (optional)").focus();
    await page.keyboard.type("Checked against the volume.");
    await page.keyboard.press("Enter"); // a second line of the comment
    await page.keyboard.type("Held for the close.");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Approve…");
    await page.keyboard.press("Enter");
    const question = page.getByRole("heading", { name: `Approve the ${expected.pattern} alert on SPX?` });
    await question.waitFor();
    await expect.poll(() => question.evaluate((element) => element === document.activeElement)).toBe(true);
    await screenshot(page, "04-confirm-approval");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Yes, approve");
    await page.keyboard.press("Enter");
    const outcome = page.locator("[data-outcome]");
    await outcome.waitFor();
    expect(await outcome.getAttribute("data-outcome")).toBe("done");
    // As recorded: who, when, and the comment kept.
    expect(await outcome.textContent()).toMatch(
      /^Approved by \S+ at \d{4}-\d\d-\d\d \d\d:\d\d UTC\. The alert is on its way to subscribers\. Comment: “Checked against the volume\.\nHeld for the close\.”$/,
    );
    await expect.poll(() => page.locator('[data-field="status"]').textContent(), SOON).toBe("APPROVED");
    expect(await page.locator(".expiry").count()).toBe(0);
    await screenshot(page, "05-approved");

    await late.page.getByRole("button", { name: "Yes, reject" }).click();
    const lateOutcome = late.page.locator("[data-outcome]");
    await lateOutcome.waitFor();
    expect(await lateOutcome.getAttribute("data-outcome")).toBe("alreadyDecided");
    expect(await lateOutcome.textContent()).toMatch(
      /^Someone was first: this alert was already approved by local-approver/,
    );
    await screenshot(late.page, "06-already-decided");
    await late.context.close();
    // The same decision again changes nothing, and is headed so, not as a decision recorded now; its comment is
    // named as not recorded, the first one standing.
    await same.page.getByRole("button", { name: "Yes, approve" }).click();
    const sameOutcome = same.page.locator("[data-outcome]");
    await sameOutcome.waitFor();
    expect(await sameOutcome.getAttribute("data-outcome")).toBe("repeated");
    expect(await same.page.locator(".decision.outcome h2").textContent()).toBe("Already decided");
    expect(await sameOutcome.textContent()).toMatch(
      /^This alert was already approved by local-approver at .* UTC; nothing changed\. Your comment “Breakout on volume\.” was not recorded; the one recorded with that decision stands: “Checked against the volume\.\nHeld for the close\.”\.$/,
    );
    await same.context.close();

    // Opening the link again shows how the approval ended, with no decision to make.
    const again = await openTab();
    await again.page.goto(link);
    await signIn(again.page, local.system.apiKeys.approver);
    const closed = again.page.getByTestId("approval-closed");
    await closed.waitFor();
    // The comment's two lines shown as two (innerText: as rendered).
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as rendered, is what is checked
    expect(await closed.innerText()).toMatch(
      /^Approved by local-approver at .* Comment: “Checked against the volume\.\nHeld for the close\.”$/,
    );
    expect(await again.page.getByRole("button", { name: /Approve/ }).count()).toBe(0);
    await screenshot(again.page, "07-link-after-decision");
    await again.context.close();
    await context.close();
  });

  it("pages through the history and finds the approved alert by its filters, at phone width", async () => {
    const { context, page } = await openTab(375, 800);
    await recordChartLabels(page);
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.approver);
    await page.getByRole("link", { name: "Alert history" }).click();
    const all = await local.api<{ items: { alertId: string; barTime: string }[]; cursor?: string }>(
      "/alerts?limit=100",
    );
    expect(all.cursor).toBeUndefined();
    expect(all.items.length).toBeGreaterThan(HISTORY_PAGE_SIZE);
    const ids = all.items.map((alert) => alert.alertId);
    const rows = page.locator("table.alert-list tbody tr");
    const shown = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-alert-id")));
    await expect.poll(shown, SOON).toEqual(ids.slice(0, HISTORY_PAGE_SIZE));
    expect(await fitsWidth()).toBe(true);
    // Each row names its bar, as GET /alerts lists it (the sample's daily bars are dates): one POST /patterns
    // raised them all within a few seconds, so "Raised" alone did not tell them apart.
    const detected = await rows.locator('td[data-label="Detected"]').allTextContents();
    const firstPage = all.items.slice(0, HISTORY_PAGE_SIZE).map((alert) => alert.barTime);
    expect(firstPage.every((time) => /^\d{4}-\d{2}-\d{2}$/.test(time))).toBe(true);
    expect(detected).toEqual(firstPage);
    expect(new Set(detected).size).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(shown, SOON).toEqual(ids.slice(HISTORY_PAGE_SIZE, 2 * HISTORY_PAGE_SIZE));
    expect(await page.getByText(/^Page \d$/).textContent()).toBe("Page 2");
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect.poll(shown, SOON).toEqual(ids.slice(0, HISTORY_PAGE_SIZE));

    await page.getByLabel("Status").selectOption("APPROVED");
    await page.getByLabel("Severity").selectOption("CRITICAL");
    await page.getByLabel("Symbol").fill("spx");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => page.url()).toContain("#/alerts?status=APPROVED&severity=CRITICAL&symbol=SPX");
    await expect.poll(() => rows.count(), SOON).toBe(1);
    expect(await fitsWidth()).toBe(true);
    expect(await rows.first().textContent()).toContain("APPROVED");
    await screenshot(page, "08-history-phone");
    await rows.first().getByRole("link").click();
    await page.getByTestId("pattern-chart").locator("canvas").first().waitFor();
    expect(await page.locator('[data-field="status"]').textContent()).toBe("APPROVED");
    // Who approved it, when, and the comment kept, in the words the approval's page used (the alert's page
    // said only APPROVED).
    const decided = page.getByTestId("alert-decided");
    await decided.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as rendered, is what is checked
    expect(await decided.innerText()).toMatch(
      /^Approved by local-approver at \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Comment: “Checked against the volume\.\nHeld for the close\.”$/,
    );
    expect(await fitsWidth()).toBe(true);
    // Every label the chart draws readable at this width: no two cover each other (price ticks sat under the
    // level and last-price labels, 3 pairs here). Counted once the chart has drawn its levels.
    await expect
      .poll(async () => (await chartLabelOverlaps(page)).labels.map((label) => label.text), SOON)
      .toEqual(expect.arrayContaining(["ceiling", "floor"]));
    const { overlaps, clipped } = await chartLabelOverlaps(page);
    expect(overlaps).toEqual([]);
    // And none cut off by the chart's edges (the axis's last date showed as "29").
    expect(clipped).toEqual([]);
    await screenshot(page, "09-alert-phone");
    // A reader's key may not read approvals: its page says who may see the decision, not a bare status.
    const reader = await openTab(375, 800);
    await reader.page.goto(page.url());
    await signIn(reader.page, local.system.apiKeys.reader);
    expect(await reader.page.getByTestId("alert-decided").textContent()).toBe(
      "Approved by an approver. Who, when and with what comment is shown to approver keys only; yours is a reader key.",
    );
    await reader.context.close();
    await context.close();
  });

  it("lands a reader signing in at the console's root on the alert history, with no pending approvals to go to", async () => {
    const { context, page } = await openTab();
    await page.goto(local.system.consoleUrl);
    const entries = () => page.evaluate(() => window.history.length);
    const before = await entries();
    await signIn(page, local.system.apiKeys.reader);
    // It landed on "Pending approvals", a list the API refuses a reader key (403), and the top bar offered it.
    await page.getByRole("heading", { level: 1, name: "Alert history" }).waitFor();
    expect(new URL(page.url()).hash).toBe("#/alerts");
    // Signing in puts focus at the top of the content, as on any page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.locator("table.alert-list tbody tr").first().waitFor();
    const nav = page.getByRole("navigation", { name: "Console" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Alert history", "Statistics"]);
    expect(await nav.getByRole("link", { name: "Alert history" }).getAttribute("aria-current")).toBe("page");
    // The root's entry is replaced, not added to: Back does not return to it, which would only land here again.
    expect(await entries()).toBe(before);
    // A deep link to the approvals list still says why it is refused, and leads to the history.
    await page.goto(`${local.system.consoleUrl}#/approvals`);
    const notice = page.getByTestId("reader-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^Only approver keys may list approvals\. Your key is a reader key: it may read alerts and statistics, but not decide approvals\./,
    );
    await notice.getByRole("link", { name: "alerts waiting for an approver" }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe("#/alerts?status=PENDING_APPROVAL");
    await page.locator("table.alert-list tbody tr").first().waitFor();
    expect(await page.locator('table.alert-list [data-label="Status"]').allTextContents()).toEqual(
      expect.arrayContaining(["PENDING_APPROVAL"]),
    );
    await context.close();
  });

  it("does not let a reader key approve", async () => {
    const { context, page } = await openTab();
    await page.goto(link);
    await signIn(page, local.system.apiKeys.reader);
    expect(await page.getByTestId("role").textContent()).toBe("reader");
    await page.getByTestId("reader-notice").waitFor();
    expect(await page.getByRole("button", { name: /Approve/ }).count()).toBe(0);
    await screenshot(page, "10-reader-on-approve-link");
    // Its way back goes where a reader key can go: the alert history, not the approvals it may not list.
    const main = page.getByRole("main");
    expect(await main.getByRole("link", { name: /Pending approvals/ }).count()).toBe(0);
    await main.getByRole("link", { name: "← Alert history" }).click();
    await page.getByRole("heading", { level: 1, name: "Alert history" }).waitFor();
    await page.goBack();
    // The notice leads the reader to where alerts can be followed.
    await page.getByTestId("reader-notice").getByRole("link", { name: "alert history" }).click();
    await page.getByRole("heading", { level: 1, name: "Alert history" }).waitFor();
    await page.evaluate(() => {
      window.location.hash = "#/approvals";
    });
    await page
      .getByTestId("reader-notice")
      .getByRole("link", { name: "alerts waiting for an approver" })
      .waitFor();
    expect(await page.getByRole("list", { name: /Pending approvals/ }).count()).toBe(0);
    await screenshot(page, "11-reader-pending");
    await context.close();
  });

  it("shows an analyst key as an analyst, which may submit bars but not decide, asking the API once", async () => {
    const { context, page } = await openTab();
    const asked: string[] = [];
    page.on("request", (request) => {
      const { origin, pathname } = new URL(request.url());
      if (origin === new URL(local.system.apiUrl).origin && !/\.\w+$/.test(pathname)) asked.push(pathname);
    });
    await page.goto(link);
    await signIn(page, local.system.apiKeys.analyst);
    expect(await page.getByTestId("role").textContent()).toBe("analyst");
    const notice = page.getByTestId("reader-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Yours is an analyst key: it may submit bars, but not decide/);
    expect(await page.getByRole("button", { name: /Approve/ }).count()).toBe(0);
    const main = page.getByRole("main");
    expect(await main.getByRole("link", { name: /Pending approvals/ }).count()).toBe(0);
    expect(await main.getByRole("link", { name: "← Alert history" }).getAttribute("href")).toBe("#/alerts");
    expect(await page.getByRole("navigation").getByRole("link", { name: "Pending approvals" }).count()).toBe(
      0,
    );
    await page.evaluate(() => {
      window.location.hash = "#/approvals";
    });
    await expect
      .poll(() => notice.textContent())
      .toMatch(/Your key is an analyst key: it may submit bars, but not decide approvals\./);
    // Its role came from GET /keys/me, not from a 403 on the approvals it may not list.
    expect(asked.filter((path) => path.startsWith("/keys/") || path.startsWith("/approvals"))).toEqual([
      "/keys/me",
    ]);
    await screenshot(page, "11b-analyst-pending");
    await context.close();
  });

  it("asks the API again for a restored tab's role, so a role changed since sign-in shows as it is now", async () => {
    const { context, page } = await openTab();
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.analyst);
    expect(await page.getByTestId("role").textContent()).toBe("analyst");
    // The tab's stored session says what the key was when it signed in: here a reader (the key re-roled
    // since, or signed in before analysts existed). A reload restores it and must show the role of now.
    await page.evaluate(() => {
      const key = "stock-patterns.session";
      const stored = JSON.parse(window.sessionStorage.getItem(key) ?? "{}") as Record<string, unknown>;
      window.sessionStorage.setItem(key, JSON.stringify({ ...stored, role: "reader" }));
    });
    await page.reload();
    await expect.poll(() => page.getByTestId("role").textContent()).toBe("analyst");
    await context.close();
  });

  it("rejects from the pending list after going back once, and says so", async () => {
    const { context, page } = await openTab();
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.approver);
    const rows = page.getByRole("list", { name: "Pending approvals, oldest first" }).getByRole("listitem");
    await rows
      .filter({ hasText: /^GSPC / })
      .getByRole("link")
      .focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: /^GSPC · / }).waitFor();
    // The new page is announced and the keyboard starts in it, not on the body left by the vanished link.
    const inMain = () => page.evaluate(() => document.activeElement?.id === "main");
    await expect.poll(inMain).toBe(true);
    expect(await page.title()).toBe("Approval · Pattern alerts");
    await page.getByRole("button", { name: "Reject…" }).click();
    await page.getByRole("button", { name: "Go back" }).click();
    // A comment of two lines is shown on two (innerText: as rendered; a line break of the text alone read
    // as a space when the paragraph collapsed it).
    await page.getByLabel("Comment (optional)").fill("Thin volume on the second top.\nWait for the close.");
    await page.getByRole("button", { name: "Reject…" }).click();
    // The line break is kept on screen, not only in the text (innerText: as rendered).
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as rendered, is what is checked
    expect(await page.locator(".decision.confirm p").innerText()).toBe(
      "Your comment: “Thin volume on the second top.\nWait for the close.”",
    );
    await page.getByRole("button", { name: "Yes, reject" }).click();
    const outcome = page.locator("[data-outcome]");
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(
      /^Rejected by \S+ at \d{4}-\d\d-\d\d \d\d:\d\d UTC\. The alert will not be sent\. Comment: “Thin volume on the second top\.\nWait for the close\.”$/,
    );
    await expect.poll(() => page.locator('[data-field="status"]').textContent(), SOON).toBe("REJECTED");
    await screenshot(page, "12-rejected");
    // The back button returns to the list, announced the same way.
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Pending approvals" }).waitFor();
    await expect.poll(inMain).toBe(true);
    expect(await page.title()).toBe("Pending approvals · Pattern alerts");
    await context.close();
  });

  it("answers a decision that comes too late with the approval's expiry", async () => {
    await local.analyse("NDX");
    const ndxLink = await local.linkFor("NDX");
    const { context, page } = await openTab();
    await page.goto(ndxLink);
    await signIn(page, local.system.apiKeys.approver);
    // A reload keeps the session and the link's token (this tab's sessionStorage).
    await page.reload();
    await page.getByRole("button", { name: "Approve…" }).click();
    // The approver hesitates past the hour.
    const token = new URL(ndxLink).searchParams.get("token") as string;
    const approvals = local.system.resources.tables.ApprovalTracking;
    assert(approvals, "the local system has no ApprovalTracking table");
    await expireApproval(local.system.endpoints.dynamodb, approvals, token);
    await page.getByRole("button", { name: "Yes, approve" }).click();
    const outcome = page.locator("[data-outcome]");
    await outcome.waitFor();
    expect(await outcome.getAttribute("data-outcome")).toBe("expired");
    expect(await outcome.textContent()).toMatch(
      /^Too late: this approval expired at \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Nothing was sent\.$/,
    );
    await screenshot(page, "13-expired");
    await page.reload();
    const closed = page.getByTestId("approval-closed");
    await closed.waitFor();
    expect(await closed.textContent()).toMatch(
      /^This approval expired at .* without a decision; nothing was sent\.$/,
    );
    await context.close();
  });
});
