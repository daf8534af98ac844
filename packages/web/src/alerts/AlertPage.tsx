// The page of one alert (#/alerts/{id}): what was detected, and for a pending one, where to decide.
import { useCallback } from "react";
import { routeHash } from "../app/routes";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useLoad } from "../ui/useLoad";
import { AlertView } from "./AlertView";
import { getAlert } from "./alertsApi";
import { PendingNote } from "./PendingNote";

/** Loads and shows one alert. */
export function AlertPage({ alertId }: { alertId: string }) {
  const { apiKey } = useSignedIn();
  const load = useCallback((signal: AbortSignal) => getAlert(apiKey, alertId, signal), [apiKey, alertId]);
  const { data: alert, error, loading } = useLoad(load);
  useAuthGuard(error);

  if (error) return <ErrorNotice error={error} />;
  if (!alert) return <p aria-busy={loading}>Loading the alert…</p>;
  return (
    <>
      <p>
        <a href={routeHash({ page: "alerts", filters: {} })}>← Alert history</a>
      </p>
      <AlertView alert={alert}>
        {alert.status === "PENDING" && <PendingNote alertId={alert.alertId} />}
      </AlertView>
    </>
  );
}
