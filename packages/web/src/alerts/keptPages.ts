// The history's page, kept in the browser's history entry: the back button from an alert opened on page 3
// comes back to page 3 (the cursors are not in the address, and a fresh mount started at page 1).
import type { CursorStack } from "./cursorStack";

/** The field of `history.state` the pages are kept in; other fields (none today) are left as they are. */
const FIELD = "alertHistoryPages";

interface Kept {
  /** The filters the pages were read under (the route's hash): another filter starts at page 1. */
  filters: string;
  stack: CursorStack;
}

function isKept(value: unknown): value is Kept {
  if (typeof value !== "object" || value === null) return false;
  const { filters, stack } = value as Record<string, unknown>;
  return (
    typeof filters === "string" &&
    Array.isArray(stack) &&
    stack.length > 0 &&
    stack.every((cursor) => cursor === undefined || typeof cursor === "string")
  );
}

/**
 * The cursors of the pages seen in this history entry under these filters, if any were kept.
 * @example keptPages("#/alerts?severity=HIGH") // [undefined, "c2", "c3"] after paging to page 3
 */
export function keptPages(filters: string): CursorStack | undefined {
  const state: unknown = window.history.state;
  const kept =
    typeof state === "object" && state !== null ? (state as Record<string, unknown>)[FIELD] : undefined;
  return isKept(kept) && kept.filters === filters ? kept.stack : undefined;
}

/** Keeps the pages seen in the current history entry (no new entry: paging is not a move to another page). */
export function keepPages(filters: string, stack: CursorStack): void {
  const state: unknown = window.history.state;
  const others = typeof state === "object" && state !== null ? state : {};
  window.history.replaceState({ ...others, [FIELD]: { filters, stack } satisfies Kept }, "");
}
