// Every way a decision can end, each with a plain sentence: done, already decided, expired, no right, failed.
import { ApiError, ApiTimeout } from "../api/problem";
import type { Approval, Decision, DecisionAnswer } from "../api/types";
import { askedToWait, fieldWords } from "../ui/errorWords";
import { formatTime } from "../ui/format";
import { commentWords, type DecidedStatus, decidedBy, recordedDecision } from "./decisionWords";

const RECORDED_AS: Record<Decision, DecidedStatus> = { approve: "APPROVED", reject: "REJECTED" };

/**
 * What happened to a submitted decision. `repeated`: the same decision was already recorded (nothing changed, a
 * differing comment not recorded either).
 * `failed`: the API refused it, nothing was recorded; `unknown`: the API may have recorded it (no answer came,
 * or it failed after taking it). These two may be tried again.
 */
export type OutcomeKind =
  | "done"
  | "repeated"
  | "earlierStands"
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
  earlierStands: "Already decided",
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

/**
 * What became of a repeat's comment when the API did not record it (its `commentNotRecorded`): the approver
 * typed it for this decision and would otherwise believe it kept beside the recorded one.
 */
function commentKept(answer: DecisionAnswer): string {
  if (answer.commentNotRecorded === undefined) return "";
  const { comment } = answer.approval;
  const stands = comment
    ? `the one recorded with that decision stands: “${comment}”`
    : "that decision stands without a comment";
  return ` Your comment “${answer.commentNotRecorded}” was not recorded; ${stands}.`;
}

/**
 * The outcome of a successful POST /approve: decided now (as recorded: by whom, when, the comment kept), or
 * the same decision found already recorded.
 * @example decisionDone("approve", { outcome: "decided", approval }).message // "Approved by alice at 2026-11-25 13:10 UTC. The alert is on its way to subscribers."
 */
export function decisionDone(decision: Decision, answer?: DecisionAnswer): DecisionOutcome {
  if (answer?.outcome === "repeated") {
    const verb = decision === "approve" ? "approved" : "rejected";
    return {
      kind: "repeated",
      message: `This alert was already ${verb}${decidedBy(answer.approval)}; nothing changed.${commentKept(answer)}`,
    };
  }
  // As recorded: who decided and when, and the comment kept, which the page showed only once reloaded.
  const approval = answer?.outcome === "decided" ? answer.approval : undefined;
  const consequence =
    decision === "approve" ? "The alert is on its way to subscribers." : "The alert will not be sent.";
  return {
    kind: "done",
    message: `${recordedDecision(RECORDED_AS[decision], approval)} ${consequence}${commentWords(approval)}`,
  };
}

/** A decision this page sent whose fate is not known (its answer was lost, or the API failed taking it). */
export interface UnconfirmedDecision {
  decision: Decision;
  /** As sent (trimmed; empty for none). */
  comment: string;
  /** When it was sent (ISO). */
  sentAt: string;
}

const OPPOSITE: Record<Decision, Decision> = { approve: "reject", reject: "approve" };

/**
 * A 409 whose recorded decision is the one this page sent earlier without learning its fate (same decision,
 * same comment): most likely that one, so the approver is told it matches, with who and when as recorded.
 * The console does not know its key's name, so the decider's name is quoted, not claimed to be theirs.
 */
function matchesEarlier(
  approval: Partial<Approval> | undefined,
  earlier: UnconfirmedDecision,
): DecisionOutcome | undefined {
  if (approval?.status !== RECORDED_AS[earlier.decision]) return undefined;
  if ((approval.comment ?? "") !== earlier.comment) return undefined;
  return {
    kind: "earlierStands",
    message: `Your earlier decision to ${earlier.decision} (sent at ${formatTime(earlier.sentAt)}, its answer lost) matches what was recorded: ${approval.status.toLowerCase()}${decidedBy(approval)}. Your decision to ${OPPOSITE[earlier.decision]} was not recorded.`,
  };
}

/**
 * The outcome of a failed POST /approve, from the API's problem document; `earlier`, a decision this page sent
 * before whose fate was not known, lets a 409 say that one was recorded rather than "Someone was first".
 * @example decisionFailed(new ApiError(410, "Approval closed")).kind // "expired"
 */
export function decisionFailed(error: unknown, earlier?: UnconfirmedDecision): DecisionOutcome {
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
      message: `The API failed while taking the decision (${error.status}: ${error.message}), so whether the decision was recorded is not known. ${TRY_AGAIN}${askedToWait(error)}`,
    };
  }
  const detail = error.detail ? ` (${error.detail})` : "";
  const approval = error.body.approval as Partial<Approval> | undefined;
  switch (error.status) {
    case 409: {
      const mine = earlier && matchesEarlier(approval, earlier);
      if (mine) return mine;
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
    // The API's reason when it gives one: a firewall in front of the app (a country refused, a rule matched)
    // answers 403 too, and "Your key may not decide" would blame a key that may.
    case 401:
    case 403:
      return {
        kind: "noRight",
        message: error.detail
          ? `The API refused the decision: ${error.detail.replace(/\.$/, "")}. Nothing was recorded.`
          : "Your key may not decide on alerts.",
      };
    case 404:
      return { kind: "notFound", message: `There is no such approval${detail}.` };
    default: {
      const wait = askedToWait(error);
      return {
        kind: "failed",
        message: `The decision was not recorded: ${error.fields.length > 0 ? fieldWords(error.fields) : error.message}${wait ? `.${wait}` : ""}`,
      };
    }
  }
}
