// One alert shown in full: heading, facts, lifecycle, chart and evidence; pages add their own actions.
import type { ReactNode } from "react";
import { EvidenceCard } from "../evidence/EvidenceCard";
import { Lifecycle } from "../outcomes/Lifecycle";
import { ErrorBoundary } from "../ui/ErrorBoundary";
import { AlertChart } from "./AlertChart";
import { AlertFacts, alertTitle } from "./AlertFacts";
import type { AlertDetail } from "./alertDetail";
import { chartFailure } from "./chartFailure";

/** The alert with an optional slot (expiry and decision), the evidence beside it, after the chart on phones. */
export function AlertView({ detail, children }: { detail: AlertDetail; children?: ReactNode }) {
  return (
    <article className="alert-view">
      <h1>
        {detail.alert.symbol} · {alertTitle(detail.alert, detail.patternName)}
      </h1>
      <div className="alert-columns">
        <div className="alert-facts">
          <AlertFacts detail={detail} />
          {detail.alert.source === "pattern" && <Lifecycle detail={detail} />}
        </div>
        <ErrorBoundary
          key={detail.alert.alertId}
          fallback={(_, error) => (
            <section className="chart-section" aria-labelledby="chart-heading">
              <h2 id="chart-heading">Chart</h2>
              <p role="alert" className="error" data-testid="chart-failed">
                {chartFailure(error, { withDecision: Boolean(children) })}
              </p>
            </section>
          )}
        >
          <AlertChart detail={detail} />
        </ErrorBoundary>
        <div className="alert-actions">
          {children}
          {detail.alert.source === "pattern" && <EvidenceCard detail={detail} />}
        </div>
      </div>
    </article>
  );
}
