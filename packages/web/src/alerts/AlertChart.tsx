// The chart section of an alert's page, or a plain explanation when the API sent no bars.
import type { Alert } from "../api/types";
import { ordered } from "../chart/chartData";
import { PatternChart } from "../chart/PatternChart";
import { formatPrice, formatTime } from "../ui/format";
import { patternTitle } from "./AlertFacts";

/** The candles with the extrema marked and joined, and the extrema as a table for keyboard and screen readers. */
export function AlertChart({ alert }: { alert: Alert }) {
  const bars = alert.bars ?? [];
  const extrema = ordered(alert.extrema ?? []);
  return (
    <section className="chart-section" aria-labelledby="chart-heading">
      <h2 id="chart-heading">Chart</h2>
      {bars.length > 0 ? (
        <PatternChart
          bars={bars}
          extrema={extrema}
          label={`${alert.symbol} candles with the ${patternTitle(alert)} extrema marked`}
        />
      ) : (
        <p className="hint">No bars came with this alert, so there is no chart to draw.</p>
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
                <td>{formatTime(extremum.time)}</td>
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
