import { describe, expect, it } from "vitest";
import { mayHoldSymbolColumn } from "./symbol-column";

const head = (text: string) => Buffer.from(text, "latin1");

describe("mayHoldSymbolColumn", () => {
  it("is false only for a whole header that names no Symbol column, or a JSON array whose first bar names no symbol", () => {
    expect(mayHoldSymbolColumn(head("Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,1,9\n"), true)).toBe(
      false,
    );
    expect(mayHoldSymbolColumn(head("\ufeff\n\r\nDate;Close\r\n2020-01-02;1"), true)).toBe(false);
    expect(mayHoldSymbolColumn(head('  [{"time":"2020-01-02","close":1},{"symbol":"X"}]'), true)).toBe(false);
    expect(mayHoldSymbolColumn(head('[{"time":"2020-01-02","close":1}'), false)).toBe(false);
    expect(mayHoldSymbolColumn(head("Date,Close"), true)).toBe(false);
  });

  it("is true for a Symbol column in any case, a quoted header, a header the head ends in", () => {
    expect(mayHoldSymbolColumn(head("Date,SYMBOL,Close\n"), true)).toBe(true);
    expect(mayHoldSymbolColumn(head("date\tclose\t symbol \n"), true)).toBe(true);
    expect(mayHoldSymbolColumn(head('"Da\nte",Close\n'), true)).toBe(true);
    expect(mayHoldSymbolColumn(head("Date,Close"), false)).toBe(true);
    expect(mayHoldSymbolColumn(head("\n\n"), false)).toBe(true);
  });

  it("is true for a JSON array whose first bar may name its symbol, or is not whole in the head", () => {
    for (const first of [
      '{"time":"2020-01-02","close":1,"Symbol":"X"}',
      '{"time":"2020-01-02","\\u0073ymbol":"X","close":1}',
      '{"time":"2020-01-02","note":{"a":1},"symbol":"X"}',
      '{"time":"2020-01-02","note":"}","symbol":"X"}',
    ])
      expect(mayHoldSymbolColumn(head(`[${first}]`), true), first).toBe(true);
    expect(mayHoldSymbolColumn(head('[{"time":"2020-01-02",'), false)).toBe(true);
    expect(mayHoldSymbolColumn(head("["), false)).toBe(true);
  });
});
