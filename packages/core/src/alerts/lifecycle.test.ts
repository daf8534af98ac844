// The lifecycle table: every status reachable from QUEUED, the final statuses final, decisions from the table.
import { describe, expect, it } from "vitest";
import { DECISION_STATUS } from "../approvals/decision";
import { ALERT_MOVES, canMove, statusesAfter } from "./lifecycle";
import { ALERT_STATUSES, type AlertStatus } from "./status";

describe("alert lifecycle", () => {
  it("reaches every status from QUEUED, where every alert starts", () => {
    const seen = new Set<AlertStatus>(["QUEUED"]);
    for (let grew = true; grew; ) {
      const before = seen.size;
      for (const status of [...seen]) for (const next of statusesAfter(status)) seen.add(next);
      grew = seen.size > before;
    }
    expect([...seen].sort()).toEqual([...ALERT_STATUSES].sort());
  });

  it("lets nothing leave PUBLISHED, REJECTED or EXPIRED, and APPROVED only to record its publish", () => {
    for (const status of ["PUBLISHED", "REJECTED", "EXPIRED"] as const)
      expect(statusesAfter(status)).toEqual([]);
    expect(statusesAfter("APPROVED")).toEqual(["APPROVED"]);
    expect(canMove("PUBLISHED", "approve")).toBe(false);
    expect(canMove("QUEUED", "approve")).toBe(false);
  });

  it("has a move for each approver decision, ending where the approval does", () => {
    for (const [decision, status] of Object.entries(DECISION_STATUS)) {
      expect(ALERT_MOVES[decision as keyof typeof DECISION_STATUS]).toEqual({
        from: ["PENDING_APPROVAL"],
        to: status,
      });
    }
  });

  it("routes a queued alert either to subscribers or to an approver", () => {
    expect(statusesAfter("QUEUED").sort()).toEqual(["PENDING_APPROVAL", "PUBLISHED", "QUEUED"]);
  });
});
