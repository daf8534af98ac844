// The alert history (#/alerts): filters kept in the address, pages fetched by cursor; a page the API's read
// budget left short says that older alerts remain to be searched.
import { useCallback, useEffect, useState } from "react";
import { type AlertFilters, routeHash } from "../app/routes";
import { navigate } from "../app/useRoute";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useLoad } from "../ui/useLoad";
import { AlertFiltersForm } from "./AlertFiltersForm";
import { AlertList } from "./AlertList";
import { HISTORY_PAGE_SIZE, listAlerts } from "./alertsApi";
import {
  type CursorStack,
  currentCursor,
  FIRST_PAGE,
  nextPage,
  pageNumber,
  previousPage,
} from "./cursorStack";
import { keepPages, keptPages } from "./keptPages";

function filterKey(filters: AlertFilters): string {
  return routeHash({ page: "alerts", filters });
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

/** The history page; a change of filters starts again at page 1. */
export function AlertHistory({ filters }: { filters: AlertFilters }) {
  return <HistoryPages key={filterKey(filters)} filters={filters} />;
}

function HistoryPages({ filters }: { filters: AlertFilters }) {
  const { apiKey } = useSignedIn();
  const [stack, setStack] = useState<CursorStack>(() => keptPages(filterKey(filters)) ?? FIRST_PAGE);
  useEffect(() => keepPages(filterKey(filters), stack), [filters, stack]);
  const cursor = currentCursor(stack);
  const load = useCallback(
    (signal: AbortSignal) => listAlerts(apiKey, filters, cursor, signal),
    [apiKey, filters, cursor],
  );
  const { data, error, loading, retry } = useLoad(load);
  useAuthGuard(error);
  const next = data?.cursor;

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading">Alert history</h1>
      <AlertFiltersForm
        filters={filters}
        onApply={(chosen) => navigate({ page: "alerts", filters: chosen })}
      />
      {error !== undefined && <ErrorNotice error={error} onRetry={retry} />}
      {/* Always in the page and emptied while a page loads, so that each page's line is a change a screen
          reader says; the rows stay out of it (a live region round them read the whole table at each page). */}
      <p role="status">
        {data && !loading ? historySummary(data.items.length, pageNumber(stack), !!next) : ""}
      </p>
      <div aria-busy={loading}>
        {data && data.items.length > 0 && <AlertList alerts={data.items} />}
        {data && next && data.items.length < HISTORY_PAGE_SIZE && (
          <p data-testid="history-searched-on">Older alerts are still to be searched: Next page goes on.</p>
        )}
      </div>
      <nav className="pager" aria-label="Pages">
        <PagerButton unavailable={loading || stack.length === 1} onPress={() => setStack(previousPage)}>
          Previous page
        </PagerButton>
        <span>Page {pageNumber(stack)}</span>
        <PagerButton
          unavailable={loading || !next}
          onPress={() => next && setStack((shown) => nextPage(shown, next))}
        >
          Next page
        </PagerButton>
      </nav>
    </section>
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
