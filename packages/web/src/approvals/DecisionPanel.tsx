// Approve or reject one alert: choose, optionally comment, confirm, then read what happened.
import { useEffect, useId, useRef, useState } from "react";
import type { Decision, DecisionAnswer } from "../api/types";
import {
  type DecisionOutcome,
  decisionDone,
  decisionFailed,
  outcomeHeading,
  RETRYABLE,
  type UnconfirmedDecision,
} from "./decisionOutcome";

/** Props: what is being decided (for the confirmation sentence) and how to send the decision. */
export interface DecisionPanelProps {
  subject: string;
  submit: (decision: Decision, comment: string) => Promise<DecisionAnswer | undefined>;
  /** Called after any final outcome, so the page can reload the alert's status. */
  onDecided?: (outcome: DecisionOutcome) => void;
  /**
   * How the approval ended when that happened elsewhere while the panel was open (another tab or approver,
   * its expiry): shown instead of the choice, or of an outcome that may still be tried again.
   */
  closed?: string;
}

type Step =
  | { name: "choose" }
  | { name: "confirm"; decision: Decision }
  | { name: "sending"; decision: Decision }
  | { name: "outcome"; outcome: DecisionOutcome };

const VERB: Record<Decision, string> = { approve: "Approve", reject: "Reject" };

/** The decision form with its confirmation step. */
export function DecisionPanel({ subject, submit, onDecided, closed }: DecisionPanelProps) {
  const [step, setStep] = useState<Step>({ name: "choose" });
  const [comment, setComment] = useState("");
  const commentId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const closedRef = useRef<HTMLParagraphElement>(null);
  const choiceRefs = { approve: useRef<HTMLButtonElement>(null), reject: useRef<HTMLButtonElement>(null) };
  // The choice last made, so that "Go back" and "Try again" return to it.
  const lastChoice = useRef<Decision | undefined>(undefined);

  // Keyboard and screen-reader users land on each new step's heading, and back on their choice when they
  // return to the first step (its button would otherwise leave focus on the page's body).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs are stable; the step is the trigger.
  useEffect(() => {
    if (step.name !== "choose") headingRef.current?.focus();
    else if (lastChoice.current) choiceRefs[lastChoice.current].current?.focus();
  }, [step.name]);

  // A decision sent is left to finish, and a final outcome already says how it ended; anything else is stale.
  const final = step.name === "outcome" && !RETRYABLE.has(step.outcome.kind);
  const showClosed = closed !== undefined && step.name !== "sending" && !final;
  // The button that had focus is gone: a keyboard user lands on the sentence that replaced it.
  useEffect(() => {
    if (showClosed && (document.activeElement === document.body || document.activeElement === null))
      closedRef.current?.focus();
  }, [showClosed]);

  const choose = (decision: Decision) => {
    lastChoice.current = decision;
    setStep({ name: "confirm", decision });
  };

  // Decisions sent whose fate is not known, by decision: a 409 on the other one may be about them.
  const unconfirmed = useRef<Partial<Record<Decision, UnconfirmedDecision>>>({});

  const send = (decision: Decision) => {
    const sent = { decision, comment: comment.trim(), sentAt: new Date().toISOString() };
    setStep({ name: "sending", decision });
    submit(decision, sent.comment).then(
      (answer) => finish(decisionDone(decision, answer)),
      (error: unknown) => {
        const outcome = decisionFailed(
          error,
          unconfirmed.current[decision === "approve" ? "reject" : "approve"],
        );
        if (outcome.kind === "unknown") unconfirmed.current[decision] = sent;
        finish(outcome);
      },
    );
  };
  const finish = (outcome: DecisionOutcome) => {
    setStep({ name: "outcome", outcome });
    onDecided?.(outcome);
  };

  // Closed elsewhere, the panel offers nothing: no choice, confirmation or outcome that may be tried again.
  const outcome = !showClosed && step.name === "outcome" ? step.outcome : undefined;
  const ok = outcome !== undefined && ["done", "repeated", "earlierStands"].includes(outcome.kind);
  const confirming =
    !showClosed && (step.name === "confirm" || step.name === "sending") ? step.decision : undefined;
  const choosing = !showClosed && step.name === "choose";
  const kind = showClosed
    ? "closed"
    : outcome
      ? `outcome ${ok ? "ok" : "problem"}`
      : confirming
        ? "confirm"
        : "choose";
  const headingId = `${commentId}-h`;
  // One section through every step, so that its live region stays the same element from the first step on:
  // a screen reader announces words written into a region already in the page, not a region that arrives
  // with its words (an alert is the exception, and a problem is one). How the approval ended elsewhere is
  // written there too, wherever the approver's focus is.
  return (
    <section
      className={`decision ${kind === "choose" ? "" : kind}`.trim()}
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        // Escape leaves the confirmation as "Go back" does, focus returning to the choice.
        if (event.key === "Escape" && step.name === "confirm" && !showClosed) setStep({ name: "choose" });
      }}
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {showClosed
          ? "No decision to make"
          : outcome
            ? outcomeHeading(outcome)
            : confirming
              ? `${VERB[confirming]} ${subject}?`
              : "Your decision"}
      </h2>
      {choosing && (
        <>
          <label htmlFor={commentId}>Comment (optional)</label>
          <textarea
            id={commentId}
            name="comment"
            rows={3}
            maxLength={1000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className="actions">
            <button
              type="button"
              className="approve"
              ref={choiceRefs.approve}
              onClick={() => choose("approve")}
            >
              Approve…
            </button>
            <button type="button" className="reject" ref={choiceRefs.reject} onClick={() => choose("reject")}>
              Reject…
            </button>
          </div>
        </>
      )}
      {confirming && (
        <>
          <p className="said">{comment.trim() ? `Your comment: “${comment.trim()}”` : "No comment."}</p>
          <div className="actions">
            <button
              type="button"
              className={confirming}
              disabled={step.name === "sending"}
              onClick={(event) => {
                // The button appears where "Approve…" or "Reject…" was: the second click of a double click
                // on the choice (detail 2) lands on it, and must not stand in for the confirmation.
                if (event.detail <= 1) send(confirming);
              }}
            >
              {step.name === "sending" ? "Sending…" : `Yes, ${VERB[confirming].toLowerCase()}`}
            </button>
            <button
              type="button"
              disabled={step.name === "sending"}
              onClick={() => setStep({ name: "choose" })}
            >
              Go back
            </button>
          </div>
        </>
      )}
      {outcome && !ok && (
        <p role="alert" data-outcome={outcome.kind}>
          {outcome.message}
        </p>
      )}
      <div role="status" data-testid="decision-said">
        {showClosed && (
          <p className="notice" data-testid="approval-closed" ref={closedRef} tabIndex={-1}>
            {closed}
          </p>
        )}
        {outcome && ok && <p data-outcome={outcome.kind}>{outcome.message}</p>}
      </div>
      {outcome && RETRYABLE.has(outcome.kind) && (
        <div className="actions">
          <button type="button" onClick={() => setStep({ name: "choose" })}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}
