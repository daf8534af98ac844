// End to end: the console in a real headless Chromium against the local system, in the states that are not
// the happy path: a link the API does not know, a refused filter, bars since the detection that cannot be
// read, and an alert stored with times the console's time rule cannot read. Each must end in a sentence,
// never in a bare "Not found." or a blank page; and a page that asks the API for its alert once, not once per
// effect run. Screenshots go to test-artifacts/ (30-…).

import {
  FRONT_MEDIA_TYPE,
  frontProblemDocument,
  frontProblemHeaders,
  WAF_BLOCK_PROBLEMS,
} from "@stock-patterns/core/contracts";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_REFRESH_MS } from "../src/alerts/useAlertDetail";
import { REFRESH_MS } from "../src/approvals/PendingApprovals";
import { launchBrowser, screenshot } from "./browser";
import { expireAlert } from "./expireAlert";
import { expireApproval } from "./expireApproval";
import { openTab, SOON, signIn } from "./tabs";
import { startTestSystem, type TestSystem } from "./testSystem";

let local: TestSystem;
let browser: Browser;
/** The approve link of the CRITICAL double top in the sample's 2000. */
let link: string;

beforeAll(async () => {
  local = await startTestSystem();
  browser = await launchBrowser();
  await local.analyse("SPX");
  link = await local.linkFor("SPX");
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

/** A US-style date ("08/31/2000"): how Date.parse read times before core's time rule refused them. */
const usDate = (time: string) => `${time.slice(5, 7)}/${time.slice(8, 10)}/${time.slice(0, 4)}`;

describe("the console in odd states", () => {
  it("explains an approve link the API does not know", async () => {
    const { context, page } = await openTab(browser);
    // A well-formed token of no approval: cut short in a mail client, or removed once the hour had passed.
    const unknown = new URL(link);
    unknown.searchParams.set("token", `${unknown.searchParams.get("token")?.slice(0, -4)}AAAA`);
    await page.goto(unknown.toString());
    await signIn(page, local.system.apiKeys.approver);
    const notice = page.getByTestId("unknown-link");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^The API knows no approval for this link/);
    expect(await page.locator("main").textContent()).not.toContain("Not found.");
    expect(await notice.getByRole("link", { name: "pending approvals" }).count()).toBe(1);
    await screenshot(page, "30-unknown-link");
    await context.close();
  });

  it("says there is no such page for an address cut short inside an escape, instead of a blank page", async () => {
    const { context, page } = await openTab(browser);
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    // An alert's address cut short in a mail client after the "%2" of "%23" (its id's "#"), and another one
    // typed over by hand, opened while the tab is on a page (no new load: a hashchange).
    await page.goto(`${local.system.consoleUrl}#/alerts/SPX%23HS%2`);
    await signIn(page, local.system.apiKeys.reader);
    const said = page.getByText(/^There is no page at/);
    await said.waitFor();
    expect(await said.textContent()).toContain("#/alerts/SPX%23HS%2");
    // A reader is led where its key can go: the alert history, not the approvals it may not list.
    expect(await said.getByRole("link", { name: "pending approvals" }).count()).toBe(0);
    expect(await said.getByRole("link", { name: "alert history" }).getAttribute("href")).toBe("#/alerts");
    await page.evaluate(() => {
      window.location.hash = "#/approvals/%E0%A4%A";
    });
    await expect.poll(() => said.textContent()).toContain("#/approvals/%E0%A4%A");
    expect(failures).toEqual([]);
    await context.close();
  });

  it("says so when a pending alert's approval cannot be looked up, and finds it on Try again", async () => {
    const { alertId } = await local.approvalSubject(link);
    const { context, page } = await openTab(browser);
    let failing = true;
    await page.route(/\/approvals\?status=PENDING/, async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({ status: 504, contentType: "text/plain", body: "gateway timeout" });
    });
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, local.system.apiKeys.approver);
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
    const { context, page } = await openTab(browser);
    await page.goto(`${local.system.consoleUrl}#/alerts`);
    await signIn(page, local.system.apiKeys.reader);
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
    await page.goto(`${local.system.consoleUrl}#/stats?symbol=SPX&interval=1d&asOf=last-friday`);
    await alert.waitFor();
    expect(await alert.textContent()).toContain("asOf: must be an ISO date");
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    await context.close();
  });

  it("lets an approver decide when the bars since the detection cannot be read", async () => {
    const { context, page } = await openTab(browser);
    // The later detections (GET /patterns) are what the chart adds after detectedAt: an extra, not the alert.
    await page.route(/\/patterns\?/, (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Service Unavailable", status: 503, detail: "try again later" }),
      }),
    );
    await page.goto(link);
    await signIn(page, local.system.apiKeys.approver);
    await page.getByRole("heading", { level: 1, name: /^SPX · DTOP/ }).waitFor();
    expect(await page.getByRole("button", { name: "Approve…" }).count()).toBe(1);
    await page.getByTestId("pattern-chart").locator("canvas").first().waitFor();
    expect(await page.getByTestId("bars-after-failed").textContent()).toMatch(
      /^The bars since the detection could not be read \(The API answered 503: Service Unavailable: try again later\)/,
    );
    await screenshot(page, "32-bars-since-unreadable");
    await context.close();
  });

  it("shows an alert stored with times it cannot read, instead of a blank page", async () => {
    const { context, page } = await openTab(browser);
    const { items } = await local.api<{ items: { alertId: string; pattern?: string }[] }>(
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
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, local.system.apiKeys.reader);
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
    const { context, page } = await openTab(browser);
    const { items } = await local.api<{ items: { alertId: string; pattern?: string }[] }>(
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
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, local.system.apiKeys.reader);
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

  it("offers to try again when the alert itself cannot be loaded, and loads it then", async () => {
    const { context, page } = await openTab(browser);
    const { items } = await local.api<{ items: { alertId: string }[] }>("/alerts?symbol=SPX&limit=1");
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
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, local.system.apiKeys.reader);
    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("try again later");
    failing = false;
    await retry.click();
    await page.getByRole("heading", { level: 1, name: /^SPX · / }).waitFor();
    expect(await page.locator('[data-field="symbol"]').textContent()).toBe("SPX (1d)");
    await context.close();
  });

  it("asks the API for an alert once when its page opens, the build users get", async () => {
    const { context, page } = await openTab(browser);
    const { items } = await local.api<{ items: { alertId: string }[] }>("/alerts?symbol=SPX&limit=1");
    const alertId = items[0]?.alertId as string;
    const asked: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === `/alerts/${alertId}`) asked.push(request.url());
    });
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await signIn(page, local.system.apiKeys.reader);
    await page.getByRole("heading", { level: 1, name: /^SPX · / }).waitFor();
    // The page refreshes an open outcome every 5 s; nothing else should ask again.
    await page.waitForLoadState("networkidle");
    expect(asked).toHaveLength(1);
    await context.close();
  });

  it("keeps the keyboard out of the chart's image, and names the chart's maker in a link of its own", async () => {
    const { context, page } = await openTab(browser);
    const { items } = await local.api<{ items: { alertId: string }[] }>("/alerts?symbol=SPX&limit=1");
    await page.goto(`${local.system.consoleUrl}#/alerts/${items[0]?.alertId}`);
    await signIn(page, local.system.apiKeys.reader);
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

  it("offers to try again when the approval behind a link cannot be loaded, and loads it then", async () => {
    const { context, page } = await openTab(browser);
    const token = new URL(link).searchParams.get("token") as string;
    let failing = true;
    await page.route(`**/approvals/${token}`, async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Service Unavailable", status: 503, detail: "try again later" }),
      });
    });
    await page.goto(link);
    await signIn(page, local.system.apiKeys.approver);
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
    const { context, page } = await openTab(browser);
    let failing = true;
    await page.route(/\/alerts\?/, async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({ status: 504, contentType: "text/plain", body: "gateway timeout" });
    });
    // A reader signing in at the root lands on the alert history: its first page is the one that fails.
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.reader);
    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    failing = false;
    await retry.click();
    await page.locator("table.alert-list tbody tr").first().waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    await context.close();
  });

  it("waits as long as AWS WAF's 429 asks before its pending list asks again, and says until when", async () => {
    const { context, page } = await openTab(browser);
    // The page's timers (its 5 s refresh) run on a clock the test moves on; requests still go out at once.
    await page.clock.install();
    // WAF's rate rule answers as infra writes it: core's problem, headers (Retry-After: 330) and body.
    const block = WAF_BLOCK_PROBLEMS.TooManyRequests;
    let blocked = true;
    let asked = 0;
    await page.route(/\/approvals\?status=PENDING/, async (route) => {
      asked++;
      if (!blocked) return route.continue();
      await route.fulfill({
        status: block.status,
        headers: frontProblemHeaders(block),
        contentType: FRONT_MEDIA_TYPE,
        body: JSON.stringify(frontProblemDocument(block)),
      });
    });
    await page.goto(`${local.system.consoleUrl}#/approvals`);
    await signIn(page, local.system.apiKeys.approver);
    const notice = page.getByRole("alert");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^The API answered 429: Too many requests: .*\. The API asked to wait 5 min 30 s before trying again \(until \d\d:\d\d:\d\d UTC\)\./,
    );
    expect(asked).toBe(1);
    // 5 s at a time, letting each refresh's request reach the route: none may go out within the 330 s.
    const pass = async (ms: number) => {
      for (let left = ms; left > 0; left -= 5000) {
        await page.clock.runFor(Math.min(5000, left));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await pass((block.retryAfterSeconds - 5) * 1000);
    expect(asked).toBe(1);
    // The person may still ask at once, and is answered 429 again: 330 s more from then.
    const retried = await page.evaluate(() => Date.now());
    await page.getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => asked, SOON).toBe(2);
    // The block lifts; only the wait asked for keeps the page from asking, until the first refresh after it.
    blocked = false;
    for (let tick = 0; asked === 2 && tick < 80; tick++) await pass(5000);
    const waited = (await page.evaluate(() => Date.now())) - retried;
    expect(waited).toBeGreaterThanOrEqual(block.retryAfterSeconds * 1000);
    // The first tick after the wait (ticks are 5 s apart), seen within a step or two of 5 s.
    expect(waited).toBeLessThan((block.retryAfterSeconds + 15) * 1000);
    await expect.poll(() => page.getByRole("alert").count(), SOON).toBe(0);
    expect(await page.getByTestId("pending-count").textContent()).toMatch(/wait/);
    await context.close();
  });

  it("keeps the keyboard's place when an approver goes back or tries a failed decision again", async () => {
    const { context, page } = await openTab(browser);
    // The gateway answers 502 without passing the decision on: nothing is decided, so the approval stays open.
    await page.route("**/approve/*", (route) =>
      route.fulfill({
        status: 502,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Bad Gateway", status: 502 }),
      }),
    );
    await page.goto(link);
    await signIn(page, local.system.apiKeys.approver);
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
    await page.getByRole("button", { name: "Reject…" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Go back" }).focus();
    await page.keyboard.press("Enter");
    // Back on the choice just made, not on the page's body with the next Tab at the top of the page.
    await expect.poll(focused).toBe("Reject…");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Yes, reject" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Try again" }).waitFor();
    expect(await page.locator("[data-outcome]").getAttribute("data-outcome")).toBe("unknown");
    await page.getByRole("button", { name: "Try again" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(focused).toBe("Reject…");
    await context.close();
  });

  it("asks for the confirmation even when an approver double-clicks Approve…", async () => {
    const { context, page } = await openTab(browser);
    // Whatever is sent is answered here and never reaches the API, so the approval stays open for the others.
    const sent: string[] = [];
    await page.route("**/approve/*", (route) => {
      sent.push(route.request().postData() ?? "");
      return route.fulfill({
        status: 502,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Bad Gateway", status: 502 }),
      });
    });
    await page.goto(link);
    await signIn(page, local.system.apiKeys.approver);
    // The confirmation's "Yes, approve" appears where "Approve…" was: the second click must not press it.
    await page.getByRole("button", { name: "Approve…" }).dblclick();
    await page.waitForLoadState("networkidle");
    expect(sent).toEqual([]);
    await page.getByRole("heading", { name: /^Approve the DTOP alert on SPX\?$/ }).waitFor();
    expect(await page.getByRole("button", { name: "Yes, approve" }).isEnabled()).toBe(true);
    // A click of its own still sends it, once.
    await page.getByRole("button", { name: "Yes, approve" }).click();
    await page.locator("[data-outcome]").waitFor();
    expect(sent).toEqual([JSON.stringify({ decision: "approve" })]);
    await context.close();
  });

  it("does not call a decision not recorded when the API took it and the answer was lost", async () => {
    await local.analyse("QQQ");
    const qqqLink = await local.linkFor("QQQ");
    const { context, page } = await openTab(browser);
    // The decision reaches the API and is recorded; the connection drops before its answer arrives.
    let sent = 0;
    await page.route("**/approve/*", async (route) => {
      sent++;
      if (sent > 1) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.goto(qqqLink);
    await signIn(page, local.system.apiKeys.approver);
    await page.getByRole("button", { name: "Approve…" }).click();
    // The page's own reading of the approval again (every 5 s) is held back until the outcome is read.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/approvals/*", async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole("button", { name: "Yes, approve" }).click();
    const outcome = page.locator("[data-outcome]");
    await outcome.waitFor();
    const { alertId } = await local.approvalSubject(qqqLink);
    expect((await local.api<{ status: string }>(`/alerts/${alertId}`)).status).toBe("APPROVED");
    expect(await outcome.getAttribute("data-outcome")).toBe("unknown");
    expect(await outcome.textContent()).toMatch(/whether the decision was recorded is not known/);
    expect(await page.locator(".decision.outcome").textContent()).not.toMatch(/not recorded/);
    release();
    // Without a click, the page reads the approval again and says the decision was recorded, by whom and when
    // (trying again with the same decision, which answers "repeated", is in approver-console.test.ts).
    const closed = page.getByTestId("approval-closed");
    await closed.waitFor({ timeout: SOON.timeout });
    expect(await closed.textContent()).toMatch(
      /^Approved by local-approver at \d{4}-\d\d-\d\d \d\d:\d\d UTC while this page was open\.$/,
    );
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    await context.close();
  });

  it("says an approver's own earlier decision was recorded when the other one meets a 409", async () => {
    await local.analyse("OEX");
    const oexLink = await local.linkFor("OEX");
    const { context, page } = await openTab(browser);
    // The approve reaches the API and is recorded; its answer is lost. The page's own reading of the approval
    // again is held back, so the approver changes their mind before it would say so.
    let sent = 0;
    await page.route("**/approve/*", async (route) => {
      if (++sent > 1) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.goto(oexLink);
    await signIn(page, local.system.apiKeys.approver);
    await page.getByRole("button", { name: "Approve…" }).waitFor();
    await page.route("**/approvals/*", () => new Promise<void>(() => {}));
    await page.getByRole("button", { name: "Approve…" }).click();
    await page.getByRole("button", { name: "Yes, approve" }).click();
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("button", { name: "Reject…" }).click();
    await page.getByRole("button", { name: "Yes, reject" }).click();
    const outcome = page.locator("[data-outcome]");
    await expect.poll(() => outcome.getAttribute("data-outcome")).toBe("earlierStands");
    expect(await outcome.textContent()).toMatch(
      /^Your earlier decision to approve \(sent at \d{4}-\d\d-\d\d \d\d:\d\d UTC, its answer lost\) matches what was recorded: approved by local-approver at \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Your decision to reject was not recorded\.$/,
    );
    expect(await page.locator(".decision.outcome h2").textContent()).toBe("Already decided");
    expect(sent).toBe(2);
    await context.close();
  });

  it("follows a decision made elsewhere while the approval is open, without a click", async () => {
    await local.analyse("RUT");
    const rutLink = await local.linkFor("RUT");
    const { context, page } = await openTab(browser);
    // Both tabs' timers run on clocks the test moves on (time runs as usual otherwise): each page's next
    // refresh comes when the test says, not up to LIVE_REFRESH_MS after the decision.
    await page.clock.install();
    await page.goto(rutLink);
    await signIn(page, local.system.apiKeys.approver);
    await page.getByRole("button", { name: "Approve…" }).click();
    await page.getByRole("button", { name: "Yes, approve" }).waitFor();
    // Another tab has it open from the pending list (by its id, without the link's token).
    const token = new URL(rutLink).searchParams.get("token") as string;
    const { id } = await local.api<{ id: string }>(`/approvals/${token}`);
    const listed = await openTab(browser);
    await listed.page.clock.install();
    await listed.page.goto(`${local.system.consoleUrl}#/approvals/${id}`);
    await signIn(listed.page, local.system.apiKeys.approver);
    await listed.page.getByRole("button", { name: "Reject…" }).waitFor();
    // Another approver (here the API called directly) rejects it while this page waits on its confirmation.
    const answer = await fetch(`${local.system.apiUrl}/approve/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": local.system.apiKeys.approver },
      body: JSON.stringify({ decision: "reject", comment: "Decided in another tab." }),
    });
    expect(answer.status).toBe(200);
    await Promise.all([page, listed.page].map((tab) => tab.clock.fastForward(LIVE_REFRESH_MS)));
    // The page finds out by itself: who decided and when, in place of the confirmation; the alert's status too.
    const closed = page.getByTestId("approval-closed");
    await closed.waitFor({ timeout: SOON.timeout });
    expect(await closed.textContent()).toMatch(
      /^Rejected by local-approver at \d{4}-\d\d-\d\d \d\d:\d\d UTC while this page was open\. Comment: “Decided in another tab\.”$/,
    );
    await expect.poll(() => page.locator('[data-field="status"]').textContent(), SOON).toBe("REJECTED");
    expect(await page.getByRole("button", { name: /Approve|Reject|Yes, / }).count()).toBe(0);
    expect(await page.locator(".expiry").count()).toBe(0);
    await screenshot(page, "36-decided-elsewhere");
    await context.close();
    // Opened by its id, the tab reads it by its id too: it names who decided, as the link's tab does.
    const left = listed.page.getByTestId("approval-closed");
    await left.waitFor({ timeout: SOON.timeout });
    expect(await left.textContent()).toMatch(
      /^Rejected by local-approver at \d{4}-\d\d-\d\d \d\d:\d\d UTC while this page was open\. Comment: “Decided in another tab\.”$/,
    );
    await expect
      .poll(() => listed.page.locator('[data-field="status"]').textContent(), SOON)
      .toBe("REJECTED");
    expect(await listed.page.getByRole("button", { name: /Approve|Reject/ }).count()).toBe(0);
    await listed.context.close();
  });

  it("tells an approval's address with no approval behind it from one whose approval stopped waiting", async () => {
    await local.analyse("MID");
    const midLink = await local.linkFor("MID");
    const token = new URL(midLink).searchParams.get("token") as string;
    const { id, alertId } = await local.api<{ id: string; alertId: string }>(`/approvals/${token}`);
    const at = (address: string) => `${local.system.consoleUrl}#/approvals/${address}`;
    // An id no approval ever had (the alert's own with its last digit changed), opened from the alert's address.
    const never = `${id.slice(0, -1)}${id.endsWith("0") ? "1" : "0"}`;
    const { context, page } = await openTab(browser);
    await page.goto(at(`${never}?alertId=${alertId}`));
    await signIn(page, local.system.apiKeys.approver);
    const unknown = page.getByTestId("unknown-approval");
    await unknown.waitFor(SOON);
    expect(await unknown.textContent()).toMatch(
      /^No approval has this id: the address may have been mistyped\b/,
    );
    expect(await page.locator("main").textContent()).not.toContain("no longer pending");
    // An address cut short: no approval has such an id, which the console knows without asking.
    await page.goto(at(id.slice(0, 40)));
    await expect
      .poll(() => unknown.textContent(), SOON)
      .toMatch(/^No approval has this id: an approval's id is 64 hexadecimal characters\b/);
    // Without its alert, the same: the approval is read by its id alone.
    await page.goto(at(never));
    await expect
      .poll(() => unknown.textContent(), SOON)
      .toMatch(/^No approval has this id: the address may have been mistyped\b/);
    // Its id written in capitals (the API takes either case) is the same approval, still waiting.
    await page.goto(at(`${id.toUpperCase()}?alertId=${alertId}`));
    await page.getByRole("button", { name: "Reject…" }).waitFor(SOON);
    // Rejected through the API: its address with its alert says how it ended, not merely that it ended.
    const answer = await fetch(`${local.system.apiUrl}/approve/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": local.system.apiKeys.approver },
      body: JSON.stringify({ decision: "reject", comment: "Not this one." }),
    });
    expect(answer.status).toBe(200);
    const endedText =
      /^This approval is no longer pending: rejected by local-approver at \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Comment: “Not this one\.” See its alert or the alert history\.$/;
    await page.goto(at(`${id}?alertId=${alertId}`));
    const ended = page.getByTestId("not-pending");
    await expect.poll(() => ended.textContent(), SOON).toMatch(endedText);
    // Its alert's page is a link away: what followed it is there.
    expect(await ended.getByRole("link", { name: "its alert" }).getAttribute("href")).toBe(
      `#/alerts/${alertId}`,
    );
    // Without its alert in the address, the same: before, the page could not tell it from one never issued.
    await page.goto(at(id));
    await expect.poll(() => ended.textContent(), SOON).toMatch(endedText);
    await context.close();
  });

  it("fits a symbol as long as the API takes on a phone's width, on every page that names it", async () => {
    // 20 characters, the most a symbol may have, of the widest letter and with nowhere to break a line.
    const symbol = "W".repeat(20);
    await local.analyse(symbol);
    const wideLink = await local.linkFor(symbol);
    const { alertId } = await local.approvalSubject(wideLink);
    const { context, page } = await openTab(browser, 375, 800);
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(wideLink);
    await signIn(page, local.system.apiKeys.approver);
    await page.getByRole("button", { name: "Approve…" }).waitFor(SOON);
    const pages: Record<string, number> = { approval: await fits() };
    await page.goto(`${local.system.consoleUrl}#/approvals`);
    await page.getByRole("listitem").filter({ hasText: symbol }).first().waitFor(SOON);
    pages.pending = await fits();
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await page.getByRole("heading", { level: 1, name: new RegExp(`^${symbol} · `) }).waitFor(SOON);
    pages.alert = await fits();
    await page.goto(`${local.system.consoleUrl}#/alerts?symbol=${symbol}`);
    await page
      .getByRole("link", { name: new RegExp(symbol) })
      .first()
      .waitFor(SOON);
    pages.history = await fits();
    await page.goto(`${local.system.consoleUrl}#/stats?symbol=${symbol}`);
    await page.locator("main").getByText(symbol).first().waitFor(SOON);
    pages.stats = await fits();
    // How many pixels each page scrolls sideways: none.
    expect(pages).toEqual({ approval: 0, pending: 0, alert: 0, history: 0, stats: 0 });
    await screenshot(page, "39-long-symbol-stats");
    await context.close();
  });

  it("shows the pending list from an API slower than its refresh, reading it once at a time", async () => {
    const { context, page } = await openTab(browser);
    // The API's own answers, each a second longer than the list's refresh late (a slow link, a cold start).
    // The page's timers run on a clock the test moves on: while an answer is held, the page's time runs on
    // by that much, every timer due meanwhile fired (its refresh among them), with no real wait.
    await page.clock.install();
    let inFlight = 0;
    let mostInFlight = 0;
    await page.route(/\/approvals\?/, async (route) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await page.clock.runFor(REFRESH_MS + 1000);
      await route.continue();
      inFlight -= 1;
    });
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.approver);
    // Every answer came after a newer read had started, and was dropped for it: the list never showed.
    await expect
      .poll(() => page.getByTestId("pending-count").textContent(), { timeout: 40_000 })
      .toMatch(/wait(s)? for a decision\.$/);
    expect(mostInFlight).toBe(1);
    await context.close();
  }, 90_000);

  it("does not count or list as waiting an approval whose hour has passed before the sweep closed it", async () => {
    await local.analyse("DJI");
    const djiLink = await local.linkFor("DJI");
    const approvals = local.system.resources.tables.ApprovalTracking as string;
    // Still PENDING in the table (the sweep closes it a grace and a schedule period after), but past its expiry.
    await expireApproval(
      local.system.endpoints.dynamodb,
      approvals,
      new URL(djiLink).searchParams.get("token") as string,
    );
    const { context, page } = await openTab(browser);
    await page.goto(local.system.consoleUrl);
    await signIn(page, local.system.apiKeys.approver);
    const rows = page.getByRole("list", { name: "Pending approvals, oldest first" }).getByRole("listitem");
    await expect.poll(() => page.getByTestId("pending-count").textContent()).not.toBe("");
    const waiting = await rows.count();
    expect(await rows.filter({ hasText: /^DJI / }).count()).toBe(0);
    expect(await page.getByTestId("pending-count").textContent()).toBe(
      waiting === 1 ? "1 approval waits for a decision." : `${waiting} approvals wait for a decision.`,
    );
    // Its alert's page no longer offers it as waiting for a decision either.
    const { alertId } = await local.approvalSubject(djiLink);
    await page.goto(`${local.system.consoleUrl}#/alerts/${alertId}`);
    await page.getByRole("heading", { level: 1, name: /^DJI · / }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("link", { name: "open its approval" }).count()).toBe(0);
    const lapsed = (await page.getByTestId("approval-lapsed").textContent()) ?? "";
    const times = lapsed.match(
      /^Its approval expired at (\d{4}-\d\d-\d\d \d\d:\d\d) UTC without a decision; nothing was sent\. The alert is closed by (\d{4}-\d\d-\d\d \d\d:\d\d) UTC at the latest \(its expiry message, or the sweep after a 10-minute grace, every 5 minutes\)\.$/,
    );
    expect(times, lapsed).not.toBeNull();
    // The latest it may take (docs/reliability.md): the grace and one schedule period after the expiry.
    const [expired, closed] = [times?.[1], times?.[2]].map((at) => Date.parse(`${at}Z`));
    expect((closed as number) - (expired as number)).toBe(15 * 60_000);
    await context.close();
  });

  it("signs the tab out when the API no longer accepts the key a decision was sent with", async () => {
    const { context, page } = await openTab(browser);
    // The key was rotated while the approver read the chart: the API answers the decision 401.
    await page.route("**/approve/*", (route) =>
      route.fulfill({
        status: 401,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Unauthorized", status: 401 }),
      }),
    );
    await page.goto(link);
    await signIn(page, local.system.apiKeys.approver);
    await page.getByRole("button", { name: "Approve…" }).click();
    await page.getByRole("button", { name: "Yes, approve" }).click();
    await page.getByText("The API no longer accepts this key. Sign in again.").waitFor();
    expect(await page.getByLabel("API key").count()).toBe(1);
    await context.close();
  });

  it("shows an approval whose alert the API no longer has with its own record, not a bare Not found", async () => {
    // Only the alert's expiry is moved into the past (the app's own writes keep it at least as long as its
    // approvals): the API answers 404 for it while the approval, still kept, is read on its link.
    const { alertId } = await local.approvalSubject(link);
    const token = new URL(link).searchParams.get("token") as string;
    // Rejected (here, or by an earlier test: 409), so the alert was finished and its retention counted.
    const decided = await fetch(`${local.system.apiUrl}/approve/${token}`, {
      method: "POST",
      headers: { "x-api-key": local.system.apiKeys.approver, "content-type": "application/json" },
      body: JSON.stringify({ decision: "reject", comment: "Not this one." }),
    });
    expect([200, 409]).toContain(decided.status);
    await expireAlert(local, alertId);
    const { context, page } = await openTab(browser);
    await page.goto(link);
    await signIn(page, local.system.apiKeys.approver);
    const gone = page.getByTestId("alert-gone");
    await gone.waitFor();
    expect(await gone.textContent()).toMatch(
      new RegExp(`^The API no longer has the alert of this approval \\(${alertId}\\)\\. Alerts are deleted`),
    );
    expect(await page.locator("main").textContent()).not.toContain("Not found");
    expect(await page.locator(".approval-record").textContent()).toMatch(
      /^AlertSPX \(1d\): .*Outcome(Rejected|Approved) by \S+ at \d{4}-\d\d-\d\d \d\d:\d\d UTC\./,
    );
    expect(await page.getByRole("button", { name: /Approve|Reject|Try again/ }).count()).toBe(0);
    await screenshot(page, "37-approval-without-alert");
    await context.close();
  });
});

describe("an alert the API answers 404 for, on its own page", () => {
  it("says why it may be gone, past its retention or never issued, with no Try again that cannot work", async () => {
    // The alert of the sample's approval (read through the approval: the test before may have expired it).
    const token = new URL(link).searchParams.get("token") as string;
    const { alertId } = await local.api<{ alertId: string }>(`/approvals/${token}`);
    // Its retention passed (the alert is expired; dynalite never deletes it): the API answers 404 for it.
    await expireAlert(local, alertId);
    const { context, page } = await openTab(browser);
    for (const id of [alertId, "alr_never_issued"]) {
      expect(
        (
          await fetch(`${local.system.apiUrl}/alerts/${id}`, {
            headers: { "x-api-key": local.system.apiKeys.reader },
          })
        ).status,
      ).toBe(404);
      await page.goto(`${local.system.consoleUrl}#/alerts/${id}`);
      if (id === alertId) await signIn(page, local.system.apiKeys.reader);
      const gone = page.getByTestId("alert-not-kept");
      await gone.waitFor();
      expect(await gone.textContent()).toMatch(
        new RegExp(`^The API has no alert ${id}\\. .*retention.*never`),
      );
      expect(await page.locator("main").textContent()).not.toContain("Not found");
      expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
      expect(await gone.getByRole("link", { name: "alert history" }).getAttribute("href")).toBe("#/alerts");
    }
    await screenshot(page, "38-alert-not-kept");
    await context.close();
  });
});
