// The due approvals the sweep's alerts lead to are held for the open index's pages only until they make a
// page: after a stop longer than their hour every open approval is due, and its PENDING_APPROVAL alert leads
// the sweep to it (1,200 at 1-minute bars, 72,000 at 1-second: docs/capacity.md). Counted on dynalite.

import { describe, expect, it } from "vitest";
import { type Alert, getAlert, putAlertIfNew, UNFINISHED_CHUNK } from "#alerts";
import { approvalsOfAlert, DUE_APPROVALS_A_PAGE, requestApproval } from "#approvals";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { queuedAlert } from "#test/fixtures";
import { watchTableCalls } from "#test/table-calls";
import { sweepStranded } from "./sweep";

const timing = DEFAULT_RECOVERY_TIMING;
const HOUR = 3600_000;

/** The sweep's calls on ApprovalTracking that say what it holds: approvals read, closed, and the index read. */
type Seen = { read: string[] } | { expired: string } | "index";
const seen: Seen[] = [];
watchTableCalls(["ApprovalTracking"], (command, _table, input) => {
  if (command === "BatchGetItemCommand") {
    const asked = Object.values(input.RequestItems as Record<string, { Keys: { tokenHash: string }[] }>);
    seen.push({ read: asked.flatMap(({ Keys }) => Keys.map((key) => key.tokenHash)) });
  }
  const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
  if (command === "UpdateItemCommand" && values?.[":to"] === "EXPIRED")
    seen.push({ expired: (input.Key as { tokenHash: string }).tokenHash });
  if (command === "QueryCommand") seen.push("index");
});

/**
 * How many of `due` the sweep held at seen[at]: read in a chunk (seen[at] not counted) and not yet closed.
 */
function heldAt(at: number, due: ReadonlySet<string>): number {
  const held = new Set<string>();
  for (const made of seen.slice(0, at)) {
    if (made === "index") continue;
    if ("read" in made) for (const token of made.read) if (due.has(token)) held.add(token);
    if ("expired" in made) held.delete(made.expired);
  }
  return held.size;
}

describe("the sweep's due approvals its alerts lead to", () => {
  it("are expired once they make a page, not held until the open index is read", async () => {
    const now = new Date("2026-09-01T12:00:00.000Z");
    // Created a second apart from three hours before the sweep, each CRITICAL one's approval requested then:
    // past its hour and the grace. The first chunk holds 150 of them, the second chunk 50.
    const from = now.getTime() - 3 * HOUR;
    const created = (i: number) => new Date(from + i * 1000).toISOString();
    const firstDue = Array.from({ length: DUE_APPROVALS_A_PAGE + 50 }, (_, i) =>
      queuedAlert({ severity: "CRITICAL", createdAt: created(i) }),
    );
    // The rest of the first chunk: alerts waiting on an approval stored nowhere (nothing to heal, only read).
    const waiting = Array.from({ length: UNFINISHED_CHUNK - firstDue.length }, (_, i) =>
      queuedAlert({
        createdAt: created(firstDue.length + i),
        status: "PENDING_APPROVAL",
        notifiedAt: created(firstDue.length + i),
        approvalTokenHash: `0${i}`.padStart(64, "f"),
      }),
    );
    const secondDue = Array.from({ length: 50 }, (_, i) =>
      queuedAlert({ severity: "CRITICAL", createdAt: created(UNFINISHED_CHUNK + i) }),
    );
    for (let i = 0; i < waiting.length; i += 50)
      await Promise.all(waiting.slice(i, i + 50).map(putAlertIfNew));
    const tokens = async (alerts: Alert[]) => {
      const requested: string[] = [];
      for (let i = 0; i < alerts.length; i += 25)
        await Promise.all(
          alerts.slice(i, i + 25).map(async (alert) => {
            await putAlertIfNew(alert);
            expect(await requestApproval(alert, new Date(alert.createdAt))).toBe("requested");
            requested.push((await getAlert(alert.alertId))?.approvalTokenHash as string);
          }),
        );
      return new Set(requested);
    };
    const [first, second] = [await tokens(firstDue), await tokens(secondDue)];
    seen.length = 0;

    expect(await sweepStranded(now, timing)).toMatchObject({
      expired: first.size + second.size,
      failed: 0,
    });
    for (const { alertId } of [...firstDue, ...secondDue])
      expect(await approvalsOfAlert(alertId)).toEqual([expect.objectContaining({ status: "EXPIRED" })]);
    // When the second chunk's approvals are read, and when the index is: what the chunks before led to and
    // is not yet expired.
    const secondChunkRead = seen.findIndex(
      (made) => made !== "index" && "read" in made && made.read.some((token) => second.has(token)),
    );
    const indexRead = seen.indexOf("index");
    expect(secondChunkRead).toBeGreaterThan(0);
    expect(indexRead).toBeGreaterThan(secondChunkRead);
    const held = {
      atTheSecondChunk: heldAt(secondChunkRead, first),
      atTheIndex: heldAt(indexRead, new Set([...first, ...second])),
    };
    expect(held.atTheSecondChunk, JSON.stringify(held)).toBeLessThan(DUE_APPROVALS_A_PAGE);
    expect(held.atTheIndex, JSON.stringify(held)).toBeLessThan(DUE_APPROVALS_A_PAGE);
  }, 180_000);
});
