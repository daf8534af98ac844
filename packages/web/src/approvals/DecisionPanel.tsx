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

  if (showClosed) {
    return (
      <p role="status" className="notice" data-testid="approval-closed" ref={closedRef} tabIndex={-1}>
        {closed}
      </p>
    );
  }

  if (step.name === "outcome") {
    const ok = ["done", "repeated", "earlierStands"].includes(step.outcome.kind);
    return (
      <section className={`decision outcome ${ok ? "ok" : "problem"}`} aria-labelledby={`${commentId}-h`}>
        <h2 id={`${commentId}-h`} ref={headingRef} tabIndex={-1}>
          {outcomeHeading(step.outcome)}
        </h2>
        <p role={ok ? "status" : "alert"} data-outcome={step.outcome.kind}>
          {step.outcome.message}
        </p>
        {RETRYABLE.has(step.outcome.kind) && (
          <div className="actions">
            <button type="button" onClick={() => setStep({ name: "choose" })}>
              Try again
            </button>
          </div>
        )}
      </section>
    );
  }

  if (step.name === "confirm" || step.name === "sending") {
    const verb = VERB[step.decision];
    return (
      <section className="decision confirm" aria-labelledby={`${commentId}-h`}>
        <h2 id={`${commentId}-h`} ref={headingRef} tabIndex={-1}>
          {verb} {subject}?
        </h2>
        <p>{comment.trim() ? `Your comment: “${comment.trim()}”` : "No comment."}</p>
        <div className="actions">
          <button
            type="button"
            className={step.decision}
            disabled={step.name === "sending"}
            onClick={(event) => {
              // The button appears where "Approve…" or "Reject…" was: the second click of a double click
              // on the choice (detail 2) lands on it, and must not stand in for the confirmation.
              if (event.detail <= 1) send(step.decision);
            }}
          >
            {step.name === "sending" ? "Sending…" : `Yes, ${verb.toLowerCase()}`}
          </button>
          <button
            type="button"
            disabled={step.name === "sending"}
            onClick={() => setStep({ name: "choose" })}
          >
            Go back
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="decision" aria-labelledby={`${commentId}-h`}>
      <h2 id={`${commentId}-h`}>Your decision</h2>
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
        <button type="button" className="approve" ref={choiceRefs.approve} onClick={() => choose("approve")}>
          Approve…
        </button>
        <button type="button" className="reject" ref={choiceRefs.reject} onClick={() => choose("reject")}>
          Reject…
        </button>
      </div>
    </section>
  );
}
