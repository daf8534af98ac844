// Cursor paging of the history: forward by cursor, back to the page before.
import { describe, expect, it } from "vitest";
import { currentCursor, FIRST_PAGE, nextPage, pageNumber, previousPage } from "./cursorStack";

describe("cursor paging", () => {
  it("goes forward by cursor and back to the page before", () => {
    const second = nextPage(FIRST_PAGE, "c2");
    const third = nextPage(second, "c3");
    expect([currentCursor(third), pageNumber(third)]).toEqual(["c3", 3]);
    expect(previousPage(third)).toEqual(second);
    expect(currentCursor(previousPage(second))).toBeUndefined();
    expect(previousPage(FIRST_PAGE)).toBe(FIRST_PAGE);
  });

  it("stays on a page already moved to when the same cursor comes again", () => {
    const second = nextPage(FIRST_PAGE, "c2");
    expect(nextPage(second, "c2")).toBe(second);
  });
});
