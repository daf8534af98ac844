// One alert shown in full: heading, facts and chart; pages add their own actions around it.
import type { ReactNode } from "react";
import type { Alert } from "../api/types";
import { AlertChart } from "./AlertChart";
import { AlertFacts, patternTitle } from "./AlertFacts";

/** The alert with an optional slot (the decision panel) between facts and chart. */
export function AlertView({ alert, children }: { alert: Alert; children?: ReactNode }) {
  return (
    <article className="alert-view">
      <h1>
        {alert.symbol} · {patternTitle(alert)}
      </h1>
      <div className="alert-columns">
        <div className="alert-facts">
          <AlertFacts alert={alert} />
        </div>
        <AlertChart alert={alert} />
        {children && <div className="alert-actions">{children}</div>}
      </div>
    </article>
  );
}
