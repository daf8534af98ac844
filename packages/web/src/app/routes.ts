// The console's pages as hash routes (#/approvals, #/approvals/{tokenHash}[?alertId=], #/alerts?…, #/alerts/{id},
// #/stats?…): no server rewrites needed, and the same build works on any origin. A history page's cursors are
// in its address, so a reload, a new tab or a shared link opens that page.
import { type ApiKeyRole, PATTERN_CODES } from "@stock-patterns/core/vocabulary";
import type { AlertStatus, PatternCode, Severity } from "../api/types";
import { ALERT_STATUSES, SEVERITIES } from "../api/types";

/** The history page's filters; empty means "any". */
export interface AlertFilters {
  status?: AlertStatus;
  severity?: Severity;
  symbol?: string;
}

/** The Statistics page's question (GET /stats): one symbol or all of an interval, one code or all, as of a time. */
export interface StatsQuery {
  /** Empty means every symbol of the interval. */
  symbol?: string;
  interval: string;
  pattern?: PatternCode;
  /** An ISO date or datetime; empty means now. */
  asOf?: string;
}

/** The interval the Statistics page asks about unless told otherwise (the bundled series is daily). */
export const DEFAULT_STATS_INTERVAL = "1d";

/** Every address the console reads: a page, or its root (`#/`), which shows the key's landing page. */
export type Route =
  | { page: "home" }
  | { page: "approvals" }
  | {
      page: "approval";
      tokenHash: string;
      /** Its alert (`?alertId=`), when the page was opened from the console: the approval is then read from that alert's. */
      alertId?: string;
    }
  | {
      page: "alerts";
      filters: AlertFilters;
      /**
       * The API's cursors that led to the page shown, oldest first (`cursor=…&cursor=…`): none for page 1, two
       * for page 3. All are kept, not the last alone, so that Previous works from a shared link too.
       */
      cursors?: readonly string[];
    }
  | { page: "alert"; alertId: string }
  | { page: "stats"; query: StatsQuery }
  | { page: "notFound"; hash: string };

/** A page the console shows: every route but the root, which stands for the key's landing page. */
export type PageRoute = Exclude<Route, { page: "home" }>;

/**
 * Where a key lands at the console's root: an approver on the pending approvals, a reader or an analyst on
 * the alert history (the API lists approvals to approver keys only, docs/api.md; those keys landed on a page
 * that could only refuse them).
 * @example landingRoute("reader") // { page: "alerts", filters: {} }
 */
export function landingRoute(role: ApiKeyRole): PageRoute {
  return role === "approver" ? { page: "approvals" } : { page: "alerts", filters: {} };
}

/**
 * The page a route shows to a key: its landing page for the root, else the page the address names (a
 * reader's deep link to the approvals too, which says why it is refused).
 * @example shownRoute({ page: "home" }, "approver") // { page: "approvals" }
 */
export function shownRoute(route: Route, role: ApiKeyRole): PageRoute {
  return route.page === "home" ? landingRoute(role) : route;
}

/**
 * A symbol as typed into a form or a link, as the API stores it: trimmed and upper-case; empty means any.
 *
 * @example
 * typedSymbol(" spx ") // "SPX"
 */
export function typedSymbol(text: string | null | undefined): string | undefined {
  return text?.trim().toUpperCase() || undefined;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

/** Reads the history filters from a query string, ignoring unknown values. */
export function parseFilters(search: string): AlertFilters {
  const params = new URLSearchParams(search);
  return {
    status: oneOf(params.get("status"), ALERT_STATUSES),
    severity: oneOf(params.get("severity"), SEVERITIES),
    symbol: typedSymbol(params.get("symbol")),
  };
}

/** Reads the Statistics question from a query string; unknown codes are ignored. */
export function parseStatsQuery(search: string): StatsQuery {
  const params = new URLSearchParams(search);
  const asOf = params.get("asOf")?.trim();
  return {
    symbol: typedSymbol(params.get("symbol")),
    interval: params.get("interval")?.trim() || DEFAULT_STATS_INTERVAL,
    pattern: oneOf(params.get("pattern"), PATTERN_CODES),
    asOf: asOf || undefined,
  };
}

/** The history page's cursors in a query string, in order; empty values are none. */
function parseCursors(search: string): string[] {
  return new URLSearchParams(search).getAll("cursor").filter(Boolean);
}

function withQuery(path: string, values: object): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const each of value) params.append(name, String(each));
    else if (value) params.set(name, String(value));
  }
  const search = params.toString();
  return `${path}${search ? `?${search}` : ""}`;
}

/**
 * The path's segments, decoded; undefined when one holds a malformed escape (an address cut short after
 * "%2"), which decodeURIComponent throws on: thrown while the route was read, it left the whole console blank.
 */
function decodedParts(path: string): string[] | undefined {
  try {
    return path.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/**
 * Turns a location hash into a route.
 * @example parseRoute("#/alerts?severity=HIGH") // { page: "alerts", filters: { severity: "HIGH" } }
 */
export function parseRoute(hash: string): Route {
  const [path = "", search = ""] = hash.replace(/^#/, "").split("?", 2);
  const parts = decodedParts(path);
  if (parts === undefined) return { page: "notFound", hash };
  if (parts.length === 0) return { page: "home" };
  if (parts.length === 1 && parts[0] === "approvals") return { page: "approvals" };
  const [first, second] = parts;
  if (parts.length === 2 && first === "approvals" && second !== undefined) {
    const alertId = new URLSearchParams(search).get("alertId");
    return { page: "approval", tokenHash: second, ...(alertId && { alertId }) };
  }
  if (parts.length === 1 && parts[0] === "alerts") {
    const cursors = parseCursors(search);
    return { page: "alerts", filters: parseFilters(search), ...(cursors.length > 0 && { cursors }) };
  }
  if (parts.length === 2 && first === "alerts" && second !== undefined)
    return { page: "alert", alertId: second };
  if (parts.length === 1 && parts[0] === "stats") return { page: "stats", query: parseStatsQuery(search) };
  return { page: "notFound", hash };
}

/**
 * Turns a route into the hash that shows it (the inverse of parseRoute).
 * @example routeHash({ page: "alert", alertId: "a-1" }) // "#/alerts/a-1"
 */
export function routeHash(route: Route): string {
  switch (route.page) {
    case "home":
      return "#/";
    case "approvals":
      return "#/approvals";
    case "approval":
      return withQuery(`#/approvals/${encodeURIComponent(route.tokenHash)}`, { alertId: route.alertId });
    case "alert":
      return `#/alerts/${encodeURIComponent(route.alertId)}`;
    case "notFound":
      return route.hash;
    case "alerts":
      return withQuery("#/alerts", { ...route.filters, cursor: route.cursors ?? [] });
    case "stats":
      return withQuery("#/stats", route.query);
  }
}

/**
 * What a page is mounted under: its address, but for a history page without its cursors, so that paging does
 * not remount the page (the pressed pager button, and the keyboard's focus on it, stay).
 * @example mountKey({ page: "alerts", filters: {}, cursors: ["c2"] }) // "#/alerts"
 */
export function mountKey(route: Route): string {
  return routeHash(route.page === "alerts" ? { ...route, cursors: [] } : route);
}

const PAGE_TITLES: Record<Route["page"] | "signIn", string> = {
  signIn: "Sign in",
  home: "Start",
  approvals: "Pending approvals",
  approval: "Approval",
  alerts: "Alert history",
  alert: "Alert",
  stats: "Statistics",
  notFound: "No such page",
};

/** The console's name: the header's brand, the sign-in form's heading, every page title's end. */
export const CONSOLE_NAME = "Pattern alerts";

/**
 * A page's name: its level-one heading where nothing more particular heads it (an alert not loaded yet).
 * @example pageName("approval") // "Approval"
 */
export function pageName(page: Route["page"] | "signIn"): string {
  return PAGE_TITLES[page];
}

/**
 * The document title of a page, or of the sign-in form: what a screen reader announces and the back
 * button's list shows.
 * @example pageTitle("approvals") // "Pending approvals · Pattern alerts"
 */
export function pageTitle(page: Route["page"] | "signIn"): string {
  return `${pageName(page)} · ${CONSOLE_NAME}`;
}
