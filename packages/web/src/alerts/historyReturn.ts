// Where an alert page's "← Alert history" leads, and its approval page's links to the history: the history
// page (filters and cursors) the alert was opened from, kept in the tab's history entry of each page so that
// a reload keeps it; page 1 for an alert reached any other way (a shared link, the pending list).
import { type MouseEvent, useEffect, useState } from "react";
import { parseRoute, routeHash } from "../app/routes";

/** The history entry's state field that holds the history address an alert was opened from. */
const STATE_FIELD = "alertOpenedFrom";

/** The alert a history row's link was just followed to, and the history address it was followed from. */
let opened: { alertId: string; from: string } | undefined;

/**
 * Whether a click on a link opens it in this tab (a primary click or Enter, no modifier): a new tab or window
 * does not share this one's memory.
 */
export function opensHere(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * Notes that `alertId`'s page is being opened from the history page at `from` (a plain click or Enter on its
 * row's link), or its approval's page from the alert's, which leads back to `from`; that page then leads back
 * there.
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

/**
 * The address a page of `alertId` (the alert's, or its approval's opened from it) leads back to the history
 * by; page 1 for an approval's page that names no alert.
 */
export function useHistoryReturn(alertId: string | undefined): string {
  const [from] = useState(
    () => keptInEntry() ?? (alertId !== undefined && opened?.alertId === alertId ? opened.from : undefined),
  );
  useEffect(() => {
    if (from === undefined) return;
    opened = undefined;
    const state: unknown = window.history.state;
    const kept = typeof state === "object" && state !== null ? state : {};
    window.history.replaceState({ ...kept, [STATE_FIELD]: from }, "");
  }, [from]);
  return historyAddress(from);
}
