// /approvals and /approve/{token}: approvers list requests, look one up by its link or its id, and decide it.

import { sha256Hex } from "@stock-patterns/core";
import {
  APPROVAL_AUDIT_RETENTION_SECONDS,
  APPROVAL_OPEN_RETENTION_SECONDS,
} from "@stock-patterns/core/catalog";
import {
  approvalIdPathSchema,
  approvalsQuerySchema,
  decisionRequestSchema,
  noQuerySchema,
  tokenPathSchema,
} from "@stock-patterns/core/contracts";
import { APPROVAL_ID } from "@stock-patterns/core/vocabulary";
import { Hono } from "hono";
import { type DecisionOutcome, decideApproval, keptApproval, listApprovals, toView } from "#approvals";
import { type ApiVariables, requireRole } from "../auth";
import { ProblemError } from "../problem";
import { validate } from "../validation";

export const approvals = new Hono<{ Variables: ApiVariables }>();

/**
 * Why a token or id (`by`, what the route takes) finds no approval: none was issued, or it is past its keep,
 * which DynamoDB deletes within days and the API serves as gone from the start (keptApproval).
 */
const days = (seconds: number) => seconds / 86_400;
const notFoundDetail = (by: "token" | "id") =>
  `no approval request has this ${by}, or it is past its keep and gone ` +
  `(${days(APPROVAL_AUDIT_RETENTION_SECONDS)} days from its close, ` +
  `${days(APPROVAL_OPEN_RETENTION_SECONDS)} past its hour if never closed)`;

/**
 * The 404 for a link's token no approval has. An approval's id sent in a token's place (64 hexadecimal
 * characters: an issued token is 43 URL-safe ones, 32 random bytes) is said to be one, with the route that
 * takes it, when an approval has that id: an approver who copied the id from the list gets the way on.
 */
async function tokenNotFound(token: string, now: Date, idRoute: string): Promise<never> {
  if (APPROVAL_ID.test(token) && (await keptApproval(token.toLowerCase(), now)))
    throw new ProblemError(
      404,
      "Not found",
      `no approval request has this token: it is an approval's id, which ${idRoute} takes`,
    );
  throw new ProblemError(404, "Not found", notFoundDetail("token"));
}

approvals.get("/approvals", requireRole("approver"), validate("query", approvalsQuerySchema), async (c) => {
  const { status, alertId, decidable, limit, cursor } = c.req.valid("query");
  // One reading for the page's key condition and each item's `expired`: read twice, an approval whose hour
  // ends in between would be listed as decidable and expired.
  const now = new Date();
  const page = await listApprovals(status, limit, { cursor, alertId, decidable, now });
  return c.json({ items: page.items.map((a) => toView(a, now)), cursor: page.cursor });
});

approvals.get(
  "/approvals/:token",
  requireRole("approver"),
  validate("param", tokenPathSchema),
  validate("query", noQuerySchema),
  async (c) => {
    const { token } = c.req.valid("param");
    const now = new Date();
    const approval = await keptApproval(sha256Hex(token), now);
    if (!approval) return tokenNotFound(token, now, "GET /approvals/{id}/decision");
    return c.json(toView(approval, now));
  },
);

/**
 * Reading by the id approvers see (the token's hash), in any status: the list shows the pending ones
 * only by default, so a page opened from it finds out how its approval ended, and who ended it.
 */
approvals.get(
  "/approvals/:id/decision",
  requireRole("approver"),
  validate("param", approvalIdPathSchema),
  validate("query", noQuerySchema),
  async (c) => {
    const now = new Date();
    const approval = await keptApproval(c.req.valid("param").id.toLowerCase(), now);
    if (!approval) throw new ProblemError(404, "Not found", notFoundDetail("id"));
    return c.json(toView(approval, now));
  },
);

/**
 * Answers a decision's outcome: 200 for decided or repeated (a repeat naming a comment it did not record),
 * else the matching problem. An approval not found was asked for by id: a link's token not found is
 * answered before (tokenNotFound).
 */
function answerDecision(outcome: DecisionOutcome) {
  switch (outcome.kind) {
    case "notFound":
      throw new ProblemError(404, "Not found", notFoundDetail("id"));
    case "conflict":
      throw new ProblemError(
        409,
        "Already decided",
        `this alert was already ${outcome.approval.status.toLowerCase()}`,
        {
          approval: toView(outcome.approval),
        },
      );
    case "expired":
      throw new ProblemError(
        410,
        "Approval closed",
        outcome.approval.status === "SUPERSEDED"
          ? "this link was replaced by a newer approval request"
          : `this approval request expired at ${outcome.approval.expiresAt}`,
        { approval: toView(outcome.approval) },
      );
    case "repeated": {
      // With commentNotRecorded when the repeat's comment was not recorded: the outcome carries it only then.
      const { kind, approval, ...dropped } = outcome;
      return { outcome: kind, approval: toView(approval), ...dropped };
    }
    default:
      return { outcome: outcome.kind, approval: toView(outcome.approval) };
  }
}

approvals.post(
  "/approve/:token",
  requireRole("approver"),
  validate("param", tokenPathSchema),
  validate("query", noQuerySchema),
  validate("json", decisionRequestSchema),
  async (c) => {
    const { decision, comment } = c.req.valid("json");
    const { token } = c.req.valid("param");
    const outcome = await decideApproval(
      sha256Hex(token),
      decision,
      c.get("principal").name,
      comment || undefined,
    );
    if (outcome.kind === "notFound") return tokenNotFound(token, new Date(), "POST /approvals/{id}/decision");
    return c.json(answerDecision(outcome), 200);
  },
);

/** Deciding from the list: the id approvers see (the token's hash) instead of the link's token. */
approvals.post(
  "/approvals/:id/decision",
  requireRole("approver"),
  validate("param", approvalIdPathSchema),
  validate("query", noQuerySchema),
  validate("json", decisionRequestSchema),
  async (c) => {
    const { decision, comment } = c.req.valid("json");
    const id = c.req.valid("param").id.toLowerCase();
    const outcome = await decideApproval(id, decision, c.get("principal").name, comment || undefined);
    return c.json(answerDecision(outcome), 200);
  },
);
