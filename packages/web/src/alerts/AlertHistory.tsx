// The alert history (#/alerts): filters and the page's cursors kept in the address, so a reload, a new tab
// or a shared link opens the same page; a page the API's read budget left short says that older alerts
// remain to be searched, and a cursor the API refuses is said, with the way to page 1.
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { ApiError } from "../api/problem";
import { type AlertFilters, routeHash } from "../app/routes";
import { navigate } from "../app/useRoute";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useLoad } from "../ui/useLoad";
import { AlertFiltersForm } from "./AlertFiltersForm";
import { AlertList } from "./AlertList";
import { HISTORY_PAGE_SIZE, listAlerts } from "./alertsApi";
import { type CursorStack, currentCursor, nextPage, pageNumber, previousPage } from "./cursorStack";
import { rememberHistoryPage } from "./historyReturn";

function filterKey(filters: AlertFilters): string {
  return routeHash({ page: "alerts", filters });
}

/**
 * Whether the API refused the page's cursor (400 naming `query.cursor`): one it did not issue for this listing,
 * an address cut short or edited, or one of another symbol's history. Asking again meets the same refusal.
 */
export function cursorRefused(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 400 && error.fields.some((f) => f.path === "query.cursor")
  );
}

/**
 * What the history's live region says of a page once it has loaded: how many alerts it shows, and which
 * page; none, whether older alerts are still to be searched (`searchedOn`).
 * @example historySummary(20, 2, true) // "20 alerts shown, page 2."
 */
export function historySummary(shown: number, page: number, searchedOn: boolean): string {
  if (shown === 0)
    return searchedOn
      ? "No alerts match these filters among the alerts searched so far."
      : "No alerts match these filters.";
  return `${shown} ${shown === 1 ? "alert" : "alerts"} shown, page ${page}.`;
}

/**
 * The history page; `cursors` (from the address) name the page shown. A change of filters remounts it at page 1;
 * paging keeps it mounted, so the pressed pager button keeps focus.
 */
export function AlertHistory({
  filters,
  cursors = [],
}: {
  filters: AlertFilters;
  cursors?: readonly string[];
}) {
  return <HistoryPages key={filterKey(filters)} filters={filters} cursors={cursors} />;
}

/** Shows the page these cursors lead to (a new entry in the browser's history, as a link would). */
function showPage(filters: AlertFilters, stack: CursorStack): void {
  navigate({ page: "alerts", filters, cursors: stack.filter((cursor) => cursor !== undefined) });
}

function HistoryPages({ filters: given, cursors }: { filters: AlertFilters; cursors: readonly string[] }) {
  const { apiKey } = useSignedIn();
  // Mounted under its filters' key, the page keeps one filters object for life: the route's is new at each
  // reading of the address, and a new one loaded the page again (signing in at the root read it twice: the
  // landing page, then its address put in place).
  const [filters] = useState(given);
  const stack: CursorStack = [undefined, ...cursors];
  const cursor = currentCursor(stack);
  const load = useCallback(
    (signal: AbortSignal) => listAlerts(apiKey, filters, cursor, signal),
    [apiKey, filters, cursor],
  );
  const { data, error, loading, retry } = useLoad(load);
  useAuthGuard(error);
  const next = data?.cursor;
  const refused = !loading && cursorRefused(error);

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading">Alert history</h1>
      <AlertFiltersForm
        filters={filters}
        onApply={(chosen) => navigate({ page: "alerts", filters: chosen })}
      />
      {refused ? (
        <CursorRefused filters={filters} />
      ) : (
        error !== undefined && <ErrorNotice error={error} onRetry={retry} />
      )}
      {/* Always in the page and emptied while a page loads, so that each page's line is a change a screen
          reader says; the rows stay out of it (a live region round them read the whole table at each page). */}
      <p role="status">
        {data && !loading ? historySummary(data.items.length, pageNumber(stack), !!next) : ""}
      </p>
      <div aria-busy={loading}>
        {data && data.items.length > 0 && (
          <AlertList
            alerts={data.items}
            onOpen={(alertId) =>
              rememberHistoryPage(alertId, routeHash({ page: "alerts", filters, cursors }))
            }
          />
        )}
        {data && next && data.items.length < HISTORY_PAGE_SIZE && (
          <p data-testid="history-searched-on">Older alerts are still to be searched: Next page goes on.</p>
        )}
      </div>
      <nav className="pager" aria-label="Pages">
        <PagerButton
          unavailable={loading || stack.length === 1}
          onPress={() => showPage(filters, previousPage(stack))}
        >
          Previous page
        </PagerButton>
        <span>Page {pageNumber(stack)}</span>
        <PagerButton
          unavailable={loading || !next}
          onPress={() => next && showPage(filters, nextPage(stack, next))}
        >
          Next page
        </PagerButton>
      </nav>
    </section>
  );
}

/**
 * What the page says when the API refuses its address's cursor, with the way to page 1 of the same filters.
 * Followed from the keyboard, the link goes with the sentence (the page stays mounted), which left focus on
 * the page's body: it goes to the top of the content instead, as on a move to another page.
 */
function CursorRefused({ filters }: { filters: AlertFilters }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const shown = box.current;
    return () => {
      if (shown?.contains(document.activeElement)) document.getElementById("main")?.focus();
    };
  }, []);
  return (
    <div role="alert" className="error" data-testid="history-cursor-refused" ref={box}>
      <p>
        The API does not take the page named in this address: its cursor is not one the API gave for these
        filters (the address may have been cut short or edited, or copied from the history of another symbol).
        Go to <a href={filterKey(filters)}>page 1 of these filters</a>.
      </p>
    </div>
  );
}

/**
 * A pager button that stays focusable when it cannot act (`aria-disabled`, its presses ignored): a
 * `disabled` button lost focus to the page's body while the page it asked for loaded, so a keyboard pressing
 * Enter on "Next page" was thrown out of the pager at each page.
 */
function PagerButton({
  unavailable,
  onPress,
  children,
}: {
  unavailable: boolean;
  onPress: () => void;
  children: string;
}) {
  return (
    <button type="button" aria-disabled={unavailable} onClick={() => unavailable || onPress()}>
      {children}
    </button>
  );
}
