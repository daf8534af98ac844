// A repeated decision records nothing, its comment neither: when that comment differs from the recorded one,
// the answer hands it back as commentNotRecorded (still 200 "repeated"), where it was dropped without a word
// and the approver believed it kept.

import { describe, expect, it } from "vitest";
import { getApproval } from "#approvals";
import { storePendingApproval } from "#test/fixtures";
import { call } from "#test/http";

let approvals = 0;

/** A pending approval of its own, decided by its link (`/approve/{token}`) or by its id, as `by` says. */
async function pending(by: "token" | "id") {
  const token = `repeat-comment-${Date.now()}-${approvals++}`;
  const id = await storePendingApproval(token);
  const path = by === "token" ? `/approve/${token}` : `/approvals/${id}/decision`;
  const decide = (decision: string, comment?: string) =>
    call(path, { key: "approver", body: comment === undefined ? { decision } : { decision, comment } });
  return { id, decide };
}

describe("a repeated decision", () => {
  for (const by of ["token", "id"] as const) {
    it(`by ${by}: with another comment answers 200 repeated, naming that comment as not recorded`, async () => {
      const { id, decide } = await pending(by);
      expect((await decide("reject", "false breakout")).json.outcome).toBe("decided");
      const again = await decide("reject", "volume too thin");
      expect([
        again.status,
        again.json.outcome,
        again.json.commentNotRecorded,
        again.json.approval.comment,
      ]).toEqual([200, "repeated", "volume too thin", "false breakout"]);
      expect((await getApproval(id))?.comment).toBe("false breakout");
    });
  }

  it("with a comment where none was recorded names it too: no comment stands", async () => {
    const { id, decide } = await pending("id");
    expect((await decide("reject")).json.outcome).toBe("decided");
    const again = await decide("reject", "volume too thin");
    expect([again.json.outcome, again.json.commentNotRecorded]).toEqual(["repeated", "volume too thin"]);
    // A decision without a comment is recorded with an empty one, and shown so.
    expect(again.json.approval.comment).toBe("");
    expect((await getApproval(id))?.comment).toBe("");
  });

  it("with the same comment, or none, names nothing: nothing given was lost", async () => {
    const { decide } = await pending("token");
    await decide("reject", "false breakout");
    for (const comment of ["false breakout", undefined]) {
      const again = await decide("reject", comment);
      expect([again.status, again.json.outcome], String(comment)).toEqual([200, "repeated"]);
      expect(again.json, String(comment)).not.toHaveProperty("commentNotRecorded");
    }
  });
});
