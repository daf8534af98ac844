// The chart section of an alert's page, or a plain explanation when there is nothing to draw.
import { lazy, Suspense, useMemo } from "react";
import { ordered } from "../chart/chartData";
import { formatBarTime, formatPrice } from "../ui/format";
import { alertTitle } from "./AlertFacts";
import { type AlertDetail, following } from "./alertDetail";
import { barsSinceWords, unmarkedSteps } from "./barsSinceWords";
import { loadChart } from "./chartFailure";

// The charting library is most of the bundle: load it with the first chart, not with the sign-in page.
const PatternChart = lazy(() =>
  loadChart(() => import("../chart/PatternChart")).then((module) => ({ default: module.PatternChart })),
);

/**
 * The candles with the extrema marked and joined (and for a followed detection the bars since, its levels
 * and breakout), and the extrema as a table for keyboard and screen readers.
 */
export function AlertChart({ detail }: { detail: AlertDetail }) {
  const { alert, bars } = detail;
  const extrema = useMemo(() => ordered(detail.detection?.extrema ?? []), [detail.detection]);
  const breaks = useMemo(() => detail.since?.gaps?.map((gap) => gap.before), [detail.since]);
  return (
    <section className="chart-section" aria-labelledby="chart-heading">
      <h2 id="chart-heading">Chart</h2>
      {bars.length > 0 || extrema.length > 0 ? (
        <Suspense fallback={<p aria-busy="true">Loading the chart…</p>}>
          <PatternChart
            bars={bars}
            interval={alert.interval}
            extrema={extrema}
            outcome={alert.outcome}
            breaks={breaks}
            label={`${alert.symbol} ${bars.length > 0 ? "candles" : "extrema"} of the ${alertTitle(alert, detail.patternName)}${alert.outcome ? ", with its ceiling, floor and target" : ""}`}
          />
        </Suspense>
      ) : (
        <p className="hint">Nothing to draw: the API sent neither bars nor extrema for this alert.</p>
      )}
      {bars.length > 0 && bars.some((bar) => bar.open === undefined) && (
        <p className="hint" data-testid="close-only">
          Only closing prices were kept for these bars: each candle runs from the previous close to its close.
        </p>
      )}
      {detail.since !== undefined && (
        <p
          className="hint"
          data-testid="bars-after"
          data-bars-after={detail.since.count}
          data-bars-held={detail.since.held}
          data-complete={detail.since.complete}
        >
          {barsSinceWords(detail.since, alert, following(detail))}
          {alert.outcome &&
            ` ${unmarkedSteps(alert.outcome, bars, alert, detail.since.complete ? undefined : { cut: detail.since.cut })}`.trimEnd()}
        </p>
      )}
      {detail.sinceProblem !== undefined && (
        <p className="hint" data-testid="bars-after-failed">
          The bars since the detection could not be read ({detail.sinceProblem.replace(/\.$/, "")}): the chart
          ends at the detection.{following(detail) === "open" ? " The page asks again every 5 s." : ""}
        </p>
      )}
      {bars.length === 0 && extrema.length > 0 && (
        <p className="hint" data-testid="no-bars">
          The API sent no bars for this alert: the chart joins the extrema only, without candles.
        </p>
      )}
      {extrema.length > 0 && (
        <table className="extrema">
          <caption>Extrema of the pattern</caption>
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col">Time</th>
              <th scope="col">Kind</th>
              <th scope="col">Price</th>
            </tr>
          </thead>
          <tbody>
            {extrema.map((extremum, index) => (
              <tr key={extremum.time}>
                <th scope="row">E{index + 1}</th>
                <td>{formatBarTime(extremum.time, alert.interval)}</td>
                <td>{extremum.kind}</td>
                <td>{formatPrice(extremum.price)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
