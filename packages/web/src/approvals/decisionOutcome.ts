// Every way a decision can end, each with a plain sentence: done, already decided, expired, no right, failed.
import { ApiError, ApiTimeout } from "../api/problem";
import type { Approval, Decision, DecisionAnswer } from "../api/types";
import { fieldWords } from "../ui/errorWords";
import { formatTime } from "../ui/format";

/** What happened to a submitted decision. */
export type OutcomeKind = "done" | "alreadyDecided" | "expired" | "noRight" | "notFound" | "failed";

/** An outcome and the sentence that tells the approver about it. */
export interface DecisionOutcome {
  kind: OutcomeKind;
  message: string;
}

function decidedBy(approval: Partial<Approval> | undefined): string {
  if (!approval?.decidedBy) return "";
  return ` by ${approval.decidedBy}${approval.decidedAt ? ` at ${formatTime(approval.decidedAt)}` : ""}`;
}

/**
 * The outcome of a successful POST /approve: decided now, or the same decision found already recorded.
 * @example decisionDone("approve", { outcome: "decided", approval }).message // "Approved. The alert is on its way to subscribers."
 */
export function decisionDone(decision: Decision, answer?: DecisionAnswer): DecisionOutcome {
  if (answer?.outcome === "repeated") {
    const verb = decision === "approve" ? "approved" : "rejected";
    return {
      kind: "done",
      message: `This alert was already ${verb}${decidedBy(answer.approval)}; nothing changed.`,
    };
  }
  return {
    kind: "done",
    message:
      decision === "approve"
        ? "Approved. The alert is on its way to subscribers."
        : "Rejected. The alert will not be sent.",
  };
}

/**
 * The outcome of a failed POST /approve, from the API's problem document.
 * @example decisionFailed(new ApiError(410, "Approval closed")).kind // "expired"
 */
export function decisionFailed(error: unknown): DecisionOutcome {
  if (!(error instanceof ApiError)) {
    return { kind: "failed", message: `The decision was not recorded: ${String(error)}` };
  }
  if (error instanceof ApiTimeout) {
    // The request may have been decided there; only its answer is missing, and a repeat is harmless.
    return {
      kind: "failed",
      message: `The API did not answer within ${error.timeoutMs / 1000} s, so whether the decision was recorded is not known. Try again: if it was, the same decision again changes nothing.`,
    };
  }
  const detail = error.detail ? ` (${error.detail})` : "";
  const approval = error.body.approval as Partial<Approval> | undefined;
  switch (error.status) {
    case 409: {
      const status = approval?.status ? approval.status.toLowerCase() : "decided";
      return {
        kind: "alreadyDecided",
        message: `Someone was first: this alert was already ${status}${decidedBy(approval)}. Your decision was not recorded.`,
      };
    }
    case 410: {
      if (approval?.status === "SUPERSEDED") {
        return {
          kind: "expired",
          message: "This link was replaced by a newer approval request. Nothing was sent.",
        };
      }
      const when = approval?.expiresAt ? ` at ${formatTime(approval.expiresAt)}` : detail;
      return { kind: "expired", message: `Too late: this approval expired${when}. Nothing was sent.` };
    }
    case 401:
    case 403:
      return { kind: "noRight", message: `Your key may not decide on alerts${detail}.` };
    case 404:
      return { kind: "notFound", message: `There is no such approval${detail}.` };
    case 0:
      return {
        kind: "failed",
        message: `The API could not be reached; the decision was not recorded${detail}.`,
      };
    default:
      return {
        kind: "failed",
        message: `The decision was not recorded: ${error.fields.length > 0 ? fieldWords(error.fields) : error.message}`,
      };
  }
}
