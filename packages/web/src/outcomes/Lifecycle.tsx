// The alert's lifecycle beside its facts: detected, breakout, resolved, with times and the price levels.
import type { AlertDetail } from "../alerts/alertDetail";
import { formatBarTime, formatPrice } from "../ui/format";
import { type LifecycleStep, lifecycleSteps } from "./lifecycle";

const STEP_TITLES = { detected: "Detected", breakout: "Breakout", resolved: "Resolved" } as const;

function Step({ step, interval }: { step: LifecycleStep; interval: string }) {
  return (
    <li data-step={step.step} data-state={step.state}>
      <strong>{STEP_TITLES[step.step]}</strong>{" "}
      {step.time ? (
        <time dateTime={step.time}>{formatBarTime(step.time, interval)}</time>
      ) : (
        <span className="hint">{step.state === "waiting" ? "not yet" : "never"}</span>
      )}
      <p>{step.words}</p>
    </li>
  );
}

/** What happened after the detection, or why nothing is shown. */
export function Lifecycle({ detail }: { detail: AlertDetail }) {
  const { alert, detection } = detail;
  const outcome = alert.outcome;
  return (
    <section className="lifecycle" aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">Lifecycle</h2>
      {outcome && detection ? (
        <>
          <ol aria-label="What happened after the detection" data-status={outcome.status}>
            {lifecycleSteps(detection.pattern, detection.detectedAt, outcome).map((step) => (
              <Step key={step.step} step={step} interval={alert.interval} />
            ))}
          </ol>
          {alert.outcomeAsOf && (
            <p className="hint" data-testid="outcome-as-of">
              As of the bar at {formatBarTime(alert.outcomeAsOf, alert.interval)}, the newest the stream has
              followed it to.
            </p>
          )}
          <dl className="levels">
            <dt>Ceiling</dt>
            <dd data-level="ceiling">{formatPrice(outcome.ceiling)}</dd>
            <dt>Floor</dt>
            <dd data-level="floor">{formatPrice(outcome.floor)}</dd>
            <dt>Target</dt>
            <dd data-level="target">
              {outcome.target === null ? "after a breakout" : formatPrice(outcome.target)}
            </dd>
          </dl>
        </>
      ) : (
        <p className="hint" data-testid="no-outcome">
          No outcome is recorded for this alert.
        </p>
      )}
    </section>
  );
}
