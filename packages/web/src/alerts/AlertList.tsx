// A page of alerts as a table that folds into cards at phone width; each row names the bar it is about, which
// tells apart alerts a replay or back-test raised in the same minute.
import type { Alert } from "../api/types";
import { routeHash } from "../app/routes";
import { SeverityBadge, StatusBadge } from "../ui/Badge";
import { formatBarTime, formatConfidence, formatTime } from "../ui/format";
import { alertTitle } from "./AlertFacts";
import { opensHere } from "./historyReturn";

/** The alerts, newest first as the API sends them; `onOpen` hears of an alert's link followed in this tab. */
export function AlertList({
  alerts,
  onOpen,
}: {
  alerts: readonly Alert[];
  onOpen?: (alertId: string) => void;
}) {
  return (
    <table className="alert-list">
      <caption className="visually-hidden">Alerts, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Alert</th>
          <th scope="col">Detected</th>
          <th scope="col">Severity</th>
          <th scope="col">Confidence</th>
          <th scope="col">Status</th>
          <th scope="col">Raised</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alert.alertId} data-alert-id={alert.alertId}>
            <th scope="row" data-label="Alert">
              <a
                href={routeHash({ page: "alert", alertId: alert.alertId })}
                onClick={(event) => opensHere(event) && onOpen?.(alert.alertId)}
              >
                {alert.symbol} · {alertTitle(alert)}
              </a>
            </th>
            <td data-label="Detected">{formatBarTime(alert.barTime, alert.interval)}</td>
            <td data-label="Severity">
              <SeverityBadge severity={alert.severity} />
            </td>
            <td data-label="Confidence">
              {alert.confidence === undefined ? "—" : formatConfidence(alert.confidence)}
            </td>
            <td data-label="Status">
              <StatusBadge status={alert.status} />
            </td>
            <td data-label="Raised">{formatTime(alert.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
