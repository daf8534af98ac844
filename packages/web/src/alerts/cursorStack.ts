// Paging through a cursor-paged listing: remembers the cursors behind us so "Previous" works.

/** The cursors that led to each page seen so far; the last one is the current page's. */
export type CursorStack = readonly (string | undefined)[];

/** The first page. */
export const FIRST_PAGE: CursorStack = [undefined];

/** The current page's cursor. */
export function currentCursor(stack: CursorStack): string | undefined {
  return stack[stack.length - 1];
}

/**
 * Moves to the next page (given the shown page's next cursor); already there, stays: a second click before that
 * page has loaded carries the same cursor, and pushing it again numbered page 2's rows "Page 3".
 * @example nextPage(FIRST_PAGE, "c2") // [undefined, "c2"]
 */
export function nextPage(stack: CursorStack, next: string): CursorStack {
  return currentCursor(stack) === next ? stack : [...stack, next];
}

/** Moves back one page (stays on the first). */
export function previousPage(stack: CursorStack): CursorStack {
  return stack.length > 1 ? stack.slice(0, -1) : stack;
}

/** The 1-based number of the current page. */
export function pageNumber(stack: CursorStack): number {
  return stack.length;
}
