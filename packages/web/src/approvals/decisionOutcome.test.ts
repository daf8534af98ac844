// The sentence for every way a decision can end.
import { GATEWAY_PROBLEMS, WAF_BLOCK_PROBLEMS } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { ApiError, ApiTimeout } from "../api/problem";
import type { Approval } from "../api/types";
import { decisionDone, decisionFailed, outcomeHeading } from "./decisionOutcome";

const approval: Approval = {
  id: "h",
  alertId: "alr_1",
  status: "APPROVED",
  createdAt: "2026-11-25T13:00:00Z",
  expiresAt: "2026-11-25T14:00:00Z",
  symbol: "SPX",
  interval: "1d",
  severity: "CRITICAL",
  summary: "double top",
  decidedBy: "alice",
  decidedAt: "2026-11-25T13:10:00Z",
  expired: false,
};

describe("decision outcomes", () => {
  it("confirm an approval and a rejection differently", () => {
    expect(decisionDone("approve", { outcome: "decided", approval })).toEqual({
      kind: "done",
      message: "Approved by alice at 2026-11-25 13:10 UTC. The alert is on its way to subscribers.",
    });
    // The comment as recorded; with no approval in the answer, the decision alone.
    expect(
      decisionDone("reject", {
        outcome: "decided",
        approval: { ...approval, status: "REJECTED", comment: "Thin volume.\nWait." },
      }).message,
    ).toBe(
      "Rejected by alice at 2026-11-25 13:10 UTC. The alert will not be sent. Comment: “Thin volume.\nWait.”",
    );
    expect(decisionDone("reject").message).toBe("Rejected. The alert will not be sent.");
  });

  it("say when the same decision had already been recorded", () => {
    expect(decisionDone("approve", { outcome: "repeated", approval }).message).toBe(
      "This alert was already approved by alice at 2026-11-25 13:10 UTC; nothing changed.",
    );
  });

  it("say a repeat's comment was not recorded, and which one stands, when the API hands it back", () => {
    const rejected = { ...approval, status: "REJECTED" as const, comment: "false breakout" };
    expect(
      decisionDone("reject", { outcome: "repeated", approval: rejected, commentNotRecorded: "thin volume" })
        .message,
    ).toBe(
      "This alert was already rejected by alice at 2026-11-25 13:10 UTC; nothing changed. Your comment “thin volume” was not recorded; the one recorded with that decision stands: “false breakout”.",
    );
    expect(
      decisionDone("approve", {
        outcome: "repeated",
        approval: { ...approval, comment: "" },
        commentNotRecorded: "ok",
      }).message,
    ).toBe(
      "This alert was already approved by alice at 2026-11-25 13:10 UTC; nothing changed. Your comment “ok” was not recorded; that decision stands without a comment.",
    );
  });

  it("head a repeat as already decided, not as this decision recorded", () => {
    // The API's answer when a second approver sends the decision alice recorded first.
    const repeat = decisionDone("approve", { outcome: "repeated", approval });
    expect(outcomeHeading(repeat)).toBe("Already decided");
    expect(outcomeHeading(decisionDone("approve", { outcome: "decided", approval }))).toBe(
      "Decision recorded",
    );
  });

  it("name who decided first on a conflict", () => {
    const conflict = new ApiError(409, "Already decided", "this alert was already approved", [], {
      approval,
    });
    expect(decisionFailed(conflict)).toEqual({
      kind: "alreadyDecided",
      message:
        "Someone was first: this alert was already approved by alice at 2026-11-25 13:10 UTC. Your decision was not recorded.",
    });
  });

  it("say a 409 after a decision of unknown fate matches that earlier decision, what and when", () => {
    // The approver's approve got no answer; "Try again" with reject meets the API's 409 naming the approval.
    const conflict = new ApiError(409, "Already decided", "this alert was already approved", [], {
      approval,
    });
    const earlier = { decision: "approve" as const, comment: "", sentAt: "2026-11-25T13:09:58Z" };
    const outcome = decisionFailed(conflict, earlier);
    expect(outcome).toEqual({
      kind: "earlierStands",
      message:
        "Your earlier decision to approve (sent at 2026-11-25 13:09 UTC, its answer lost) matches what was recorded: approved by alice at 2026-11-25 13:10 UTC. Your decision to reject was not recorded.",
    });
    expect(outcomeHeading(outcome)).toBe("Already decided");
    // Another decision or another comment than the one sent is someone else's.
    expect(decisionFailed(conflict, { ...earlier, decision: "reject" }).kind).toBe("alreadyDecided");
    expect(decisionFailed(conflict, { ...earlier, comment: "thin volume" }).kind).toBe("alreadyDecided");
  });

  it("name each other refusal the API can give", () => {
    const closed = { ...approval, status: "PENDING" as const, decidedBy: undefined };
    const expired = decisionFailed(new ApiError(410, "Approval closed", "expired", [], { approval: closed }));
    expect(expired).toEqual({
      kind: "expired",
      message: "Too late: this approval expired at 2026-11-25 14:00 UTC. Nothing was sent.",
    });
    const replaced = { ...closed, status: "SUPERSEDED" as const };
    expect(
      decisionFailed(new ApiError(410, "Approval closed", "replaced", [], { approval: replaced })).message,
    ).toBe("This link was replaced by a newer approval request. Nothing was sent.");
    expect(decisionFailed(new ApiError(410, "Approval closed", "expired at 14:00")).message).toBe(
      "Too late: this approval expired (expired at 14:00). Nothing was sent.",
    );
    expect(decisionFailed(new ApiError(403, "Forbidden")).kind).toBe("noRight");
    expect(decisionFailed(new ApiError(404, "Not found")).kind).toBe("notFound");
  });

  it("give the API's reason for a refusal (403), which is the key's role only when the API says so", () => {
    const country = WAF_BLOCK_PROBLEMS.CountryRefused;
    expect(decisionFailed(new ApiError(country.status, country.title, country.detail))).toEqual({
      kind: "noRight",
      message:
        "The API refused the decision: requests from this country are not served. Nothing was recorded.",
    });
    const firewall = GATEWAY_PROBLEMS.WAF_FILTERED;
    expect(decisionFailed(new ApiError(firewall.status, firewall.title, firewall.detail)).message).toBe(
      "The API refused the decision: the request was refused by the API's firewall. Nothing was recorded.",
    );
    const role = new ApiError(403, "Forbidden", "this needs an approver key; yours is a reader key");
    expect(decisionFailed(role).message).toBe(
      "The API refused the decision: this needs an approver key; yours is a reader key. Nothing was recorded.",
    );
    expect(decisionFailed(new ApiError(403, "Forbidden")).message).toBe("Your key may not decide on alerts.");
  });

  it("do not claim a decision the API may have taken was not recorded", () => {
    // A dropped connection can lose the answer of a request the API took, and the API records a decision
    // before it publishes the alert, so a 5xx can follow a recorded decision.
    expect(decisionFailed(new ApiError(0, "The API could not be reached", "Failed to fetch"))).toEqual({
      kind: "unknown",
      message:
        "No answer came from the API (Failed to fetch), so whether the decision was recorded is not known. Try again: if it was, the same decision again changes nothing.",
    });
    expect(decisionFailed(new ApiError(500, "Internal server error", "quote the request id"))).toEqual({
      kind: "unknown",
      message:
        "The API failed while taking the decision (500: Internal server error: quote the request id), so whether the decision was recorded is not known. Try again: if it was, the same decision again changes nothing.",
    });
    expect(decisionFailed(new ApiError(429, "Too Many Requests")).message).toBe(
      "The decision was not recorded: Too Many Requests",
    );
    // API Gateway's throttle says when to try again: the page says so too.
    const throttled = new ApiError(
      429,
      "Too many requests",
      undefined,
      [],
      {},
      {
        ms: 1000,
        at: Date.UTC(2026, 11, 5, 9, 40, 1),
      },
    );
    expect(decisionFailed(throttled).message).toBe(
      "The decision was not recorded: Too many requests. The API asked to wait 1 s before trying again (until 09:40:01 UTC).",
    );
  });

  it("say what the API found wrong in a refused comment", () => {
    const refused = new ApiError(400, "Invalid request", "1 invalid field(s) in the body", [
      { path: "body.comment", message: "must not contain control characters (such as NUL)" },
    ]);
    expect(decisionFailed(refused)).toEqual({
      kind: "failed",
      message: "The decision was not recorded: comment: must not contain control characters (such as NUL)",
    });
  });

  it("do not claim a decision whose answer never came was not recorded", () => {
    // The request may have reached the API and been decided there; only the answer is missing.
    expect(decisionFailed(new ApiTimeout(30_000))).toEqual({
      kind: "unknown",
      message:
        "The API did not answer within 30 s, so whether the decision was recorded is not known. Try again: if it was, the same decision again changes nothing.",
    });
  });
});
