// End to end, the console in odd states (oddStates.ts): a decision on its way. The keyboard keeps its place
// through Go back and Try again, a double click does not skip the confirmation, a decision whose answer was
// lost is not called unrecorded, an earlier one that stands is said to, and one made elsewhere is followed
// without a click. Screenshots go to test-artifacts/ (36).

import { describe, expect, it } from "vitest";
import { LIVE_REFRESH_MS } from "../src/alerts/useAlertDetail";
import { screenshot } from "./browser";
import { oddStates } from "./oddStates";
import { openTab, SOON, signIn } from "./tabs";

const odd = oddStates();

describe("the console in odd states", () => {
  it("keeps the keyboard's place when an approver goes back or tries a failed decision again", async () => {
    const { context, page } = await openTab(odd.browser);
    // The gateway answers 502 without passing the decision on: nothing is decided, so the approval stays open.
    await page.route("**/approve/*", (route) =>
      route.fulfill({
        status: 502,
        contentType: "application/problem+json",
        body: JSON.stringify({ title: "Bad Gateway", status: 502 }),
      }),
    );
    await page.goto(odd.link);
    await signIn(page, odd.local.system.apiKeys.approver);
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
    const { context, page } = await openTab(odd.browser);
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
    await page.goto(odd.link);
    await signIn(page, odd.local.system.apiKeys.approver);
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
    await odd.local.analyse("QQQ");
    const qqqLink = await odd.local.linkFor("QQQ");
    const { context, page } = await openTab(odd.browser);
    // The decision reaches the API and is recorded; the connection drops before its answer arrives.
    let sent = 0;
    await page.route("**/approve/*", async (route) => {
      sent++;
      if (sent > 1) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.goto(qqqLink);
    await signIn(page, odd.local.system.apiKeys.approver);
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
    const { alertId } = await odd.local.approvalSubject(qqqLink);
    expect((await odd.local.api<{ status: string }>(`/alerts/${alertId}`)).status).toBe("APPROVED");
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
    await odd.local.analyse("OEX");
    const oexLink = await odd.local.linkFor("OEX");
    const { context, page } = await openTab(odd.browser);
    // The approve reaches the API and is recorded; its answer is lost. The page's own reading of the approval
    // again is held back, so the approver changes their mind before it would say so.
    let sent = 0;
    await page.route("**/approve/*", async (route) => {
      if (++sent > 1) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.goto(oexLink);
    await signIn(page, odd.local.system.apiKeys.approver);
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
    await odd.local.analyse("RUT");
    const rutLink = await odd.local.linkFor("RUT");
    const { context, page } = await openTab(odd.browser);
    // Both tabs' timers run on clocks the test moves on (time runs as usual otherwise): each page's next
    // refresh comes when the test says, not up to LIVE_REFRESH_MS after the decision.
    await page.clock.install();
    await page.goto(rutLink);
    await signIn(page, odd.local.system.apiKeys.approver);
    await page.getByRole("button", { name: "Approve…" }).click();
    await page.getByRole("button", { name: "Yes, approve" }).waitFor();
    // Another tab has it open from the pending list (by its id, without the link's token).
    const token = new URL(rutLink).searchParams.get("token") as string;
    const { id } = await odd.local.api<{ id: string }>(`/approvals/${token}`);
    const listed = await openTab(odd.browser);
    await listed.page.clock.install();
    await listed.page.goto(`${odd.local.system.consoleUrl}#/approvals/${id}`);
    await signIn(listed.page, odd.local.system.apiKeys.approver);
    await listed.page.getByRole("button", { name: "Reject…" }).waitFor();
    // Another approver (here the API called directly) rejects it while this page waits on its confirmation.
    const answer = await fetch(`${odd.local.system.apiUrl}/approve/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": odd.local.system.apiKeys.approver },
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
});
