// One alert for its page, kept fresh while its outcome is open (and until a few bars past its decision
// are drawn): new bars and lifecycle steps show up without a reload, and an unchanged answer keeps the
// same object (the chart is not redrawn for nothing). Once the API answers 404 for it, it is not asked again.
import { useCallback, useEffect, useRef, useState } from "react";
import { useSignedIn } from "../session/SessionContext";
import { type Polled, usePolling } from "../ui/usePolling";
import { alertGone } from "./AlertNotKept";
import { type AlertDetail, following, loadAlertDetail } from "./alertDetail";

/** How often a page whose outcome is still open asks again. */
export const LIVE_REFRESH_MS = 5000;

/** The alert's detail; `refresh` reloads at once (after a decision). */
export function useAlertDetail(alertId: string): Polled<AlertDetail> {
  const { apiKey } = useSignedIn();
  const last = useRef<{ json: string; detail: AlertDetail } | undefined>(undefined);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const detail = await loadAlertDetail(apiKey, alertId, signal);
      const json = JSON.stringify(detail);
      if (last.current?.json === json) return last.current.detail;
      last.current = { json, detail };
      return detail;
    },
    [apiKey, alertId],
  );
  const [live, setLive] = useState(false);
  const polled = usePolling(load, live ? LIVE_REFRESH_MS : undefined);
  // An alert the API no longer has is not asked for again: every later answer would be the same 404.
  const follows = !alertGone(polled.error) && following(polled.data) !== undefined;
  useEffect(() => setLive(follows), [follows]);
  return polled;
}
