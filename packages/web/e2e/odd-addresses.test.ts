// End to end, the console in odd states (oddStates.ts): addresses with nothing, or no longer anything,
// behind them. An approve link the API does not know, an address cut short inside an escape, an approval's
// address never issued or whose approval stopped waiting, an approval whose alert is gone and an alert the
// API answers 404 for: each must end in a sentence, never in a bare "Not found." or a blank page.
// Screenshots go to test-artifacts/ (30, 37, 38).

import { describe, expect, it } from "vitest";
import { screenshot } from "./browser";
import { expireAlert } from "./expireAlert";
import { oddStates } from "./oddStates";
import { openTab, SOON, signIn } from "./tabs";

const odd = oddStates();

describe("the console in odd states", () => {
  it("explains an approve link the API does not know", async () => {
    const { context, page } = await openTab(odd.browser);
    // A well-formed token of no approval: cut short in a mail client, or removed once the hour had passed.
    const unknown = new URL(odd.link);
    unknown.searchParams.set("token", `${unknown.searchParams.get("token")?.slice(0, -4)}AAAA`);
    await page.goto(unknown.toString());
    await signIn(page, odd.local.system.apiKeys.approver);
    const notice = page.getByTestId("unknown-link");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^The API knows no approval for this link/);
    expect(await page.locator("main").textContent()).not.toContain("Not found.");
    expect(await notice.getByRole("link", { name: "pending approvals" }).count()).toBe(1);
    await screenshot(page, "30-unknown-link");
    await context.close();
  });

  it("says there is no such page for an address cut short inside an escape, instead of a blank page", async () => {
    const { context, page } = await openTab(odd.browser);
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    // An alert's address cut short in a mail client after the "%2" of "%23" (its id's "#"), and another one
    // typed over by hand, opened while the tab is on a page (no new load: a hashchange).
    await page.goto(`${odd.local.system.consoleUrl}#/alerts/SPX%23HS%2`);
    await signIn(page, odd.local.system.apiKeys.reader);
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

  it("tells an approval's address with no approval behind it from one whose approval stopped waiting", async () => {
    await odd.local.analyse("MID");
    const midLink = await odd.local.linkFor("MID");
    const token = new URL(midLink).searchParams.get("token") as string;
    const { id, alertId } = await odd.local.api<{ id: string; alertId: string }>(`/approvals/${token}`);
    const at = (address: string) => `${odd.local.system.consoleUrl}#/approvals/${address}`;
    // An id no approval ever had (the alert's own with its last digit changed), opened from the alert's address.
    const never = `${id.slice(0, -1)}${id.endsWith("0") ? "1" : "0"}`;
    const { context, page } = await openTab(odd.browser);
    await page.goto(at(`${never}?alertId=${alertId}`));
    await signIn(page, odd.local.system.apiKeys.approver);
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
    const answer = await fetch(`${odd.local.system.apiUrl}/approve/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": odd.local.system.apiKeys.approver },
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

  it("shows an approval whose alert the API no longer has with its own record, not a bare Not found", async () => {
    // Only the alert's expiry is moved into the past (the app's own writes keep it at least as long as its
    // approvals): the API answers 404 for it while the approval, still kept, is read on its link.
    const { alertId } = await odd.local.approvalSubject(odd.link);
    const token = new URL(odd.link).searchParams.get("token") as string;
    // Rejected (here, or by an earlier test: 409), so the alert was finished and its retention counted.
    const decided = await fetch(`${odd.local.system.apiUrl}/approve/${token}`, {
      method: "POST",
      headers: { "x-api-key": odd.local.system.apiKeys.approver, "content-type": "application/json" },
      body: JSON.stringify({ decision: "reject", comment: "Not this one." }),
    });
    expect([200, 409]).toContain(decided.status);
    await expireAlert(odd.local, alertId);
    const { context, page } = await openTab(odd.browser);
    await page.goto(odd.link);
    await signIn(page, odd.local.system.apiKeys.approver);
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
    const token = new URL(odd.link).searchParams.get("token") as string;
    const { alertId } = await odd.local.api<{ alertId: string }>(`/approvals/${token}`);
    // Its retention passed (the alert is expired; dynalite never deletes it): the API answers 404 for it.
    await expireAlert(odd.local, alertId);
    const { context, page } = await openTab(odd.browser);
    for (const id of [alertId, "alr_never_issued"]) {
      expect(
        (
          await fetch(`${odd.local.system.apiUrl}/alerts/${id}`, {
            headers: { "x-api-key": odd.local.system.apiKeys.reader },
          })
        ).status,
      ).toBe(404);
      await page.goto(`${odd.local.system.consoleUrl}#/alerts/${id}`);
      if (id === alertId) await signIn(page, odd.local.system.apiKeys.reader);
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
