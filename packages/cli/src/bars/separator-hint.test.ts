import { describe, expect, it } from "vitest";
import { separatorHint } from "./separator-hint";

describe("separatorHint", () => {
  it("names the character a header's names are cut at, and the --delimiter to give", () => {
    expect(separatorHint(["Date|Close"], ",")).toBe(
      `; cut at "|", its cells name the columns (Date, Close): give --delimiter '|'`,
    );
    // The separator detected (here ;) is not in the line: its one cell is cut again.
    expect(separatorHint(["Date:Open:Close"], ";")).toBe(
      `; cut at ":", its cells name the columns (Date, Open, Close): give --delimiter ':'`,
    );
    expect(separatorHint(["Time Close"], ",")).toBe(
      "; cut at a space, its cells name the columns (Time, Close): give --delimiter ' '",
    );
  });

  it("names any other character that cuts the names right, a whole code point (📈 is two UTF-16 units)", () => {
    expect(separatorHint(["Date📈Close"], ",")).toBe(
      `; cut at "📈", its cells name the columns (Date, Close): give --delimiter '📈'`,
    );
    expect(separatorHint(["Date§Open§Close"], ",")).toBe(
      `; cut at "§", its cells name the columns (Date, Open, Close): give --delimiter '§'`,
    );
  });

  it("adds nothing when no other character makes a header of it", () => {
    expect(separatorHint(["Date", "Price"], ",")).toBe("");
    expect(separatorHint(["Date|Price"], ",")).toBe("");
    expect(separatorHint(["Close|Open"], ",")).toBe("");
    // Not one --delimiter takes: a format character (a zero-width space) or a line separator.
    expect(separatorHint(["Date\u200bClose"], ",")).toBe("");
    expect(separatorHint(["Date\u2028Close"], ",")).toBe("");
  });
});
