// The page of one alert (#/alerts/{id}): what was detected, for a pending one where to decide, and for a
// decided one who decided it.
import { pageName } from "../app/routes";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { AlertNotKept, alertGone } from "./AlertNotKept";
import { AlertView } from "./AlertView";
import { DecidedNote } from "./DecidedNote";
import { useHistoryReturn } from "./historyReturn";
import { PendingNote } from "./PendingNote";
import { useAlertDetail } from "./useAlertDetail";

/**
 * Loads and shows one alert, refreshed while its outcome is open; its link back leads to the history page it
 * was opened from, else page 1.
 */
export function AlertPage({ alertId }: { alertId: string }) {
  const { data: detail, error, loading, refresh } = useAlertDetail(alertId);
  const history = useHistoryReturn(alertId);
  useAuthGuard(error);

  // Until the alert heads the page with its own name, the page's name does: a heading to land on. An alert
  // the API no longer has (a refresh's 404 too: its retention passed while the page was open) gets the
  // sentence alone, not the last answer under a "Try again" that cannot help.
  if (!detail || alertGone(error))
    return (
      <>
        <h1>{pageName("alert")}</h1>
        {alertGone(error) ? (
          <AlertNotKept alertId={alertId} wasShown={detail !== undefined} />
        ) : error ? (
          <ErrorNotice error={error} onRetry={refresh} />
        ) : (
          <p aria-busy={loading}>Loading the alert…</p>
        )}
      </>
    );
  return (
    <>
      <p>
        <a href={history}>← Alert history</a>
      </p>
      {error !== undefined && <ErrorNotice error={error} onRetry={refresh} />}
      <AlertView detail={detail}>
        {detail.alert.status === "PENDING_APPROVAL" && <PendingNote alertId={alertId} history={history} />}
        {(detail.alert.status === "APPROVED" || detail.alert.status === "REJECTED") && (
          <DecidedNote alertId={alertId} status={detail.alert.status} />
        )}
      </AlertView>
    </>
  );
}
