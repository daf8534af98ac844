// The page of one alert (#/alerts/{id}): what was detected, and for a pending one, where to decide.
import { useCallback } from "react";
import { routeHash } from "../app/routes";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useLoad } from "../ui/useLoad";
import { AlertView } from "./AlertView";
import { loadAlertDetail } from "./alertDetail";
import { PendingNote } from "./PendingNote";

/** Loads and shows one alert. */
export function AlertPage({ alertId }: { alertId: string }) {
  const { apiKey } = useSignedIn();
  const load = useCallback(
    (signal: AbortSignal) => loadAlertDetail(apiKey, alertId, signal),
    [apiKey, alertId],
  );
  const { data: detail, error, loading } = useLoad(load);
  useAuthGuard(error);

  if (error) return <ErrorNotice error={error} />;
  if (!detail) return <p aria-busy={loading}>Loading the alert…</p>;
  return (
    <>
      <p>
        <a href={routeHash({ page: "alerts", filters: {} })}>← Alert history</a>
      </p>
      <AlertView detail={detail}>
        {detail.alert.status === "PENDING_APPROVAL" && <PendingNote alertId={alertId} />}
      </AlertView>
    </>
  );
}
