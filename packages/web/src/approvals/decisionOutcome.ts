// Every way a decision can end, each with a plain sentence: done, already decided, expired, no right, failed.
import { ApiError } from "../api/problem";
import type { Decision } from "../api/types";

/** What happened to a submitted decision. */
export type OutcomeKind = "done" | "alreadyDecided" | "expired" | "noRight" | "notFound" | "failed";

/** An outcome and the sentence that tells the approver about it. */
export interface DecisionOutcome {
  kind: OutcomeKind;
  message: string;
}

/**
 * The outcome of a successful POST /approve.
 * @example decisionDone("approve").message // "Approved. The alert is on its way to subscribers."
 */
export function decisionDone(decision: Decision): DecisionOutcome {
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
 * @example decisionFailed(new ApiError(410, "Gone")).kind // "expired"
 */
export function decisionFailed(error: unknown): DecisionOutcome {
  if (!(error instanceof ApiError)) {
    return { kind: "failed", message: `The decision was not recorded: ${String(error)}` };
  }
  const detail = error.detail ? ` (${error.detail})` : "";
  switch (error.status) {
    case 409:
      return { kind: "alreadyDecided", message: `This alert was already decided differently${detail}.` };
    case 410:
      return {
        kind: "expired",
        message: `This approval expired before a decision; nothing was sent${detail}.`,
      };
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
      return { kind: "failed", message: `The decision was not recorded: ${error.message}` };
  }
}
