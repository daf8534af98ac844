// Where an alert page's "← Alert history" leads: the history page (filters and cursors) the alert was opened
// from, kept in the tab's history entry of the alert so that a reload keeps it; page 1 for an alert reached
// any other way (a shared link, an approval's page).
import { useEffect, useState } from "react";
import { parseRoute, routeHash } from "../app/routes";

/** The history entry's state field that holds the history address an alert was opened from. */
const STATE_FIELD = "alertOpenedFrom";

/** The alert a history row's link was just followed to, and the history address it was followed from. */
let opened: { alertId: string; from: string } | undefined;

/**
 * Notes that `alertId` is being opened from the history page at `from` (a plain click or Enter on its row's
 * link); the alert's page then leads back there.
 * @example rememberHistoryPage("alr_1", "#/alerts?severity=HIGH&cursor=c2")
 */
export function rememberHistoryPage(alertId: string, from: string): void {
  opened = { alertId, from };
}

/**
 * A history page's address from one kept earlier: itself as routeHash writes it, or page 1 for anything
 * that is not a history address.
 * @example historyAddress("#/alerts?severity=HIGH&cursor=c2") // "#/alerts?severity=HIGH&cursor=c2"
 * @example historyAddress(undefined) // "#/alerts"
 */
export function historyAddress(from: string | undefined): string {
  const route = from === undefined ? undefined : parseRoute(from);
  return routeHash(route?.page === "alerts" ? route : { page: "alerts", filters: {} });
}

function keptInEntry(): string | undefined {
  const state: unknown = window.history.state;
  if (typeof state !== "object" || state === null) return undefined;
  const from = (state as Record<string, unknown>)[STATE_FIELD];
  return typeof from === "string" ? from : undefined;
}

/** The address the alert page's link back to the history leads to. */
export function useHistoryReturn(alertId: string): string {
  const [from] = useState(() => keptInEntry() ?? (opened?.alertId === alertId ? opened.from : undefined));
  useEffect(() => {
    if (from === undefined) return;
    opened = undefined;
    const state: unknown = window.history.state;
    const kept = typeof state === "object" && state !== null ? state : {};
    window.history.replaceState({ ...kept, [STATE_FIELD]: from }, "");
  }, [from]);
  return historyAddress(from);
}
