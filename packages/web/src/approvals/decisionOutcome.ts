// Every way a decision can end, each with a plain sentence: done, already decided, expired, no right, failed.
import { ApiError, ApiTimeout } from "../api/problem";
import type { Approval, Decision, DecisionAnswer } from "../api/types";
import { fieldWords } from "../ui/errorWords";
import { formatTime } from "../ui/format";

/**
 * What happened to a submitted decision. `repeated`: the same decision was already recorded (nothing changed).
 * `failed`: the API refused it, nothing was recorded; `unknown`: the API may have recorded it (no answer came,
 * or it failed after taking it). These two may be tried again.
 */
export type OutcomeKind =
  | "done"
  | "repeated"
  | "alreadyDecided"
  | "expired"
  | "noRight"
  | "notFound"
  | "failed"
  | "unknown";

/** Outcomes after which the approval may still wait, so the approver may send the decision again. */
export const RETRYABLE: ReadonlySet<OutcomeKind> = new Set(["failed", "unknown"]);

/** Why a repeat is safe when the first decision's fate is not known. */
const TRY_AGAIN = "Try again: if it was, the same decision again changes nothing.";

/** An outcome and the sentence that tells the approver about it. */
export interface DecisionOutcome {
  kind: OutcomeKind;
  message: string;
}

/** The outcome's heading: only a refusal is known not to be recorded. */
const OUTCOME_HEADING: Record<OutcomeKind, string> = {
  done: "Decision recorded",
  // The same decision was recorded before this one (by another approver, or by this one's earlier try).
  repeated: "Already decided",
  unknown: "Decision not confirmed",
  alreadyDecided: "Decision not recorded",
  expired: "Decision not recorded",
  noRight: "Decision not recorded",
  notFound: "Decision not recorded",
  failed: "Decision not recorded",
};

/**
 * The heading above an outcome's sentence.
 * @example outcomeHeading({ kind: "unknown", message: "…" }) // "Decision not confirmed"
 */
export function outcomeHeading(outcome: DecisionOutcome): string {
  return OUTCOME_HEADING[outcome.kind];
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
      kind: "repeated",
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
  // The request may have been decided there; only its answer is missing, and a repeat is harmless.
  if (error instanceof ApiTimeout) {
    return {
      kind: "unknown",
      message: `The API did not answer within ${error.timeoutMs / 1000} s, so whether the decision was recorded is not known. ${TRY_AGAIN}`,
    };
  }
  // A dropped connection loses the answer to a request the API may have taken, and the API records a decision
  // before it publishes the alert, so a failure after that (a 5xx) leaves it recorded.
  if (error.status === 0) {
    return {
      kind: "unknown",
      message: `No answer came from the API (${error.detail ?? error.title}), so whether the decision was recorded is not known. ${TRY_AGAIN}`,
    };
  }
  if (error.status >= 500) {
    return {
      kind: "unknown",
      message: `The API failed while taking the decision (${error.status}: ${error.message}), so whether the decision was recorded is not known. ${TRY_AGAIN}`,
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
    default:
      return {
        kind: "failed",
        message: `The decision was not recorded: ${error.fields.length > 0 ? fieldWords(error.fields) : error.message}`,
      };
  }
}
