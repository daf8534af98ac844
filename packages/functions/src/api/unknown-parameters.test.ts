// The message of a query parameter a route does not take: its name as the caller can see it.

import { describe, expect, it } from "vitest";
import { namelessPairs, unknownParameter } from "./unknown-parameters";

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

describe("namelessPairs", () => {
  it("finds each pair with nothing before its =, and passes over empty stretches of the query", () => {
    const at = (query: string) => namelessPairs(`https://api.example.com/alerts${query}`);
    expect(at("?=1&symbol=SPX&")).toEqual(["=1"]);
    expect(at("?=&=x=y&%3D=1")).toEqual(["=", "=x=y"]);
    for (const query of ["", "?", "?&&", "?status=QUEUED&", "?a&b=", "?%3D=1"])
      expect(at(query), query).toEqual([]);
  });
});
