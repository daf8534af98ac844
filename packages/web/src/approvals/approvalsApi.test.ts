// Where a decision is sent: the link's token route when the approver came by the link, else the id route.
import { describe, expect, it } from "vitest";
import type { Approval } from "../api/types";
import { decisionPath, oldestFirst } from "./approvalsApi";

describe("approval calls", () => {
  it("send a decision by the link's token when there is one, else by the approval's id", () => {
    expect(decisionPath({ id: "ab12", token: "t_1-x" })).toBe("/approve/t_1-x");
    expect(decisionPath({ id: "ab12" })).toBe("/approvals/ab12/decision");
  });

  it("list approvals oldest first", () => {
    const at = (createdAt: string) => ({ createdAt }) as Approval;
    const sorted = oldestFirst([
      at("2026-11-25T14:10:00Z"),
      at("2026-11-25T13:59:00Z"),
      at("2026-11-25T14:00:00Z"),
    ]);
    expect(sorted.map((approval) => approval.createdAt)).toEqual([
      "2026-11-25T13:59:00Z",
      "2026-11-25T14:00:00Z",
      "2026-11-25T14:10:00Z",
    ]);
  });
});
