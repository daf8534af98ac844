// One alert shown in full: heading, facts and chart; pages add their own actions around it.
import type { ReactNode } from "react";
import { AlertChart } from "./AlertChart";
import { AlertFacts, alertTitle } from "./AlertFacts";
import type { AlertDetail } from "./alertDetail";

/** The alert with an optional slot (expiry and decision) placed after the chart on phones. */
export function AlertView({ detail, children }: { detail: AlertDetail; children?: ReactNode }) {
  return (
    <article className="alert-view">
      <h1>
        {detail.alert.symbol} · {alertTitle(detail.alert, detail.patternName)}
      </h1>
      <div className="alert-columns">
        <div className="alert-facts">
          <AlertFacts detail={detail} />
        </div>
        <AlertChart detail={detail} />
        {children && <div className="alert-actions">{children}</div>}
      </div>
    </article>
  );
}
