// GET /approvals reads the clock once: which approvals are decidable (the Query's key condition) and each
// item's `expired` are judged at the same instant, so an approval whose hour ends while its page is being
// read is not listed as decidable and expired at once.

import { afterEach, expect, it, vi } from "vitest";
import { createApproval } from "#approvals";
import { storedApproval } from "#test/fixtures";
import { call } from "#test/http";
import { watchTableCalls } from "#test/table-calls";

/** The instant the clock moves to when the list's read goes out, if set: the read taking that long. */
let readEndsAt: number | undefined;
watchTableCalls(["ApprovalTracking"], (command) => {
  if (command === "QueryCommand" && readEndsAt !== undefined) vi.setSystemTime(readEndsAt);
});

afterEach(() => {
  readEndsAt = undefined;
  vi.useRealTimers();
});

it("judges an approval whose deadline passes during the read decidable and not expired, as of the request", async () => {
  // Its hour ends a minute from now, on the second; the request comes 400 ms before it, the read answers 400 ms after.
  const deadline = (Math.floor(Date.now() / 1000) + 60) * 1000;
  const last = storedApproval({
    token: `approvals-one-clock-${deadline}`,
    alertId: `alr_one_clock_${deadline}`,
    status: "PENDING",
    deadline,
  });
  await createApproval(last);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(deadline - 400);
  readEndsAt = deadline + 400;
  for (const query of [`alertId=${last.alertId}&decidable=true`, "decidable=true&limit=100"]) {
    const { status, json } = await call(`/approvals?${query}`, { key: "approver" });
    expect(status, query).toBe(200);
    const item = (json.items as { id: string; expired: boolean }[]).find(
      (each) => each.id === last.tokenHash,
    );
    expect([query, item?.expired]).toEqual([query, false]);
    vi.setSystemTime(deadline - 400);
  }
});
