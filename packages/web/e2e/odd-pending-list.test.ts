// End to end, the console in odd states (oddStates.ts): the pending list's refresh against an API that
// asks it to wait (AWS WAF's 429) or answers slower than the refresh, and an approval whose hour has passed
// before the sweep closed it, which the list neither counts nor shows as waiting.

import {
  FRONT_MEDIA_TYPE,
  frontProblemDocument,
  frontProblemHeaders,
  WAF_BLOCK_PROBLEMS,
} from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { REFRESH_MS } from "../src/approvals/PendingApprovals";
import { expireApproval } from "./expireApproval";
import { oddStates } from "./oddStates";
import { openTab, SOON, signIn } from "./tabs";

const odd = oddStates();

describe("the console in odd states", () => {
  it("waits as long as AWS WAF's 429 asks before its pending list asks again, and says until when", async () => {
    const { context, page } = await openTab(odd.browser);
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
    await page.goto(`${odd.local.system.consoleUrl}#/approvals`);
    await signIn(page, odd.local.system.apiKeys.approver);
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

  it("shows the pending list from an API slower than its refresh, reading it once at a time", async () => {
    const { context, page } = await openTab(odd.browser);
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
    await page.goto(odd.local.system.consoleUrl);
    await signIn(page, odd.local.system.apiKeys.approver);
    // Every answer came after a newer read had started, and was dropped for it: the list never showed.
    await expect
      .poll(() => page.getByTestId("pending-count").textContent(), { timeout: 40_000 })
      .toMatch(/wait(s)? for a decision\.$/);
    expect(mostInFlight).toBe(1);
    await context.close();
  }, 90_000);

  it("does not count or list as waiting an approval whose hour has passed before the sweep closed it", async () => {
    await odd.local.analyse("DJI");
    const djiLink = await odd.local.linkFor("DJI");
    const approvals = odd.local.system.resources.tables.ApprovalTracking as string;
    // Still PENDING in the table (the sweep closes it a grace and a schedule period after), but past its expiry.
    await expireApproval(
      odd.local.system.endpoints.dynamodb,
      approvals,
      new URL(djiLink).searchParams.get("token") as string,
    );
    const { context, page } = await openTab(odd.browser);
    await page.goto(odd.local.system.consoleUrl);
    await signIn(page, odd.local.system.apiKeys.approver);
    const rows = page.getByRole("list", { name: "Pending approvals, oldest first" }).getByRole("listitem");
    await expect.poll(() => page.getByTestId("pending-count").textContent()).not.toBe("");
    const waiting = await rows.count();
    expect(await rows.filter({ hasText: /^DJI / }).count()).toBe(0);
    expect(await page.getByTestId("pending-count").textContent()).toBe(
      waiting === 1 ? "1 approval waits for a decision." : `${waiting} approvals wait for a decision.`,
    );
    // Its alert's page no longer offers it as waiting for a decision either.
    const { alertId } = await odd.local.approvalSubject(djiLink);
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/${alertId}`);
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
});
