// The message of a query parameter a route does not take: its name as the caller can see it.

import { describe, expect, it } from "vitest";
import { SHOWN_CHARACTERS } from "./shown";
import { namelessPairs, unknownField, unknownParameter } from "./unknown-parameters";

const TAKEN = ["status", "symbol"];

describe("unknownParameter", () => {
  it("names a plain parameter as it was sent", () => {
    expect(unknownParameter("Symbol", "GET /alerts", TAKEN)).toBe(
      "Symbol is not a parameter of GET /alerts: it takes status and symbol (did you mean symbol?)",
    );
  });

  it("quotes a name with a space or a character that shows nothing, so the message shows where it is", () => {
    const cases = [
      [" symbol", '" symbol"'],
      ["symbol ", '"symbol "'],
      ["sym bol", '"sym bol"'],
      ["sym\u200bbol", '"sym\\u200bbol"'],
      ["symbol\u00a0", '"symbol\\u00a0"'],
      ["symbol\n", '"symbol\\n"'],
      ["\u001b[2Ksymbol", '"\\u001b[2Ksymbol"'],
    ] as const;
    for (const [name, shown] of cases) {
      expect(unknownParameter(name, "GET /alerts", TAKEN), JSON.stringify(name)).toBe(
        `${shown} is not a parameter of GET /alerts: it takes status and symbol (did you mean symbol?)`,
      );
    }
  });
});

describe("a long name", () => {
  it("is cut after SHOWN_CHARACTERS, saying so and how long it is, in the message of a parameter or a field", () => {
    const cut = `${"x".repeat(SHOWN_CHARACTERS)}… (30,000 characters)`;
    expect(unknownParameter("x".repeat(30_000), "GET /alerts", TAKEN)).toBe(
      `${cut} is not a parameter of GET /alerts: it takes status and symbol`,
    );
    expect(unknownField("x".repeat(30_000), "POST /approve/{token}", ["decision", "comment"])).toBe(
      `${cut} is not a field of the body of POST /approve/{token}: it takes decision and comment`,
    );
  });

  it("is whole up to SHOWN_CHARACTERS characters, and cut between them, never inside one", () => {
    const longest = "x".repeat(SHOWN_CHARACTERS);
    expect(unknownParameter(longest, "GET /keys/me", [])).toBe(
      `${longest} is not a parameter of GET /keys/me: it takes none`,
    );
    // An emoji is one character of two UTF-16 units: counted once, and never split into a lone surrogate.
    const emoji = "\u{1f4c8}".repeat(SHOWN_CHARACTERS + 1);
    expect(unknownParameter(emoji, "GET /keys/me", [])).toBe(
      `${"\u{1f4c8}".repeat(SHOWN_CHARACTERS)}… (101 characters) is not a parameter of GET /keys/me: it takes none`,
    );
    // What it shows is quoted as a short name is, when it needs to be.
    expect(unknownParameter(` ${longest}`, "GET /keys/me", [])).toBe(
      `" ${"x".repeat(SHOWN_CHARACTERS - 1)}"… (101 characters) is not a parameter of GET /keys/me: it takes none`,
    );
  });
});

describe("namelessPairs", () => {
  it("finds each pair with nothing before its =, and passes over empty stretches of the query", () => {
    const at = (query: string) => namelessPairs(`https://api.example.com/alerts${query}`);
    expect(at("?=1&symbol=SPX&")).toEqual(["=1"]);
    expect(at("?=&=x=y&%3D=1")).toEqual(["=", "=x=y"]);
    for (const query of ["", "?", "?&&", "?status=QUEUED&", "?a&b=", "?%3D=1"])
      expect(at(query), query).toEqual([]);
  });
});
