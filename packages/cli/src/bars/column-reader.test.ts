import { isoDateValue, priceIsValid, volumeIsValid } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ColumnScratch, readColumns } from "./column-reader";
import { decimalCell, simpleDecimal } from "./decimal";

/** A two-row file whose second row's `column` cell is `raw`, the other cells plain. */
function fileWith(column: "Date" | "Close" | "Open" | "Volume", raw: string): Buffer {
  const cells = { Date: "2020-01-03", Open: "10", Close: "11", Volume: "500", [column]: raw };
  const row = [cells.Date, cells.Open, cells.Close, "0", cells.Volume].join(",");
  return Buffer.from(`Date,Open,Close,Adj Close,Volume\n2020-01-02,10,10,0,400\n${row}\n`);
}

// Both row readers, each with the scratch a thread reads file after file into: the WebAssembly one where
// there is WebAssembly (row-module.ts), the JavaScript one (row-reader.ts) elsewhere and as the reference.
describe.each([
  ["WebAssembly", true],
  ["JavaScript", false],
])("the column reader's cells (%s rows)", (_, byModule) => {
  const scratch = new ColumnScratch(byModule);

  it("reads a number exactly as the full reader does, or leaves the file to it", () => {
    const raw = fc.stringMatching(/^[-+0-9.e ]{0,18}$/);
    fc.assert(
      fc.property(
        raw,
        fc.constantFrom("Close", "Open", "Volume") as fc.Arbitrary<"Close" | "Open" | "Volume">,
        (cell, column) => {
          const series = readColumns(fileWith(column, cell), { symbol: "X" }, scratch);
          const value = decimalCell(cell);
          const valid = column === "Volume" ? volumeIsValid(value) : priceIsValid(value);
          // Taken: the value is the full reader's; a simple valid decimal is always taken.
          if (series !== undefined) {
            expect(valid).toBe(true);
            const read =
              column === "Close" ? series.closes[1] : column === "Volume" ? series.volume(1) : value;
            expect(Object.is(read, value)).toBe(true);
          } else expect(simpleDecimal(cell, 0, cell.length) !== undefined && valid).toBe(false);
        },
      ),
      { numRuns: 20_000, seed: 13 },
    );
  });

  it("reads numbers of 8 to 16 digits, signs and zeros as the full reader does", () => {
    const digits = "1234567890123456";
    const cells = ["0", "-0", "+0", "0.000", "-1", "00000000000000.1", "0.00000000000001", "999999999999999"];
    for (let length = 8; length <= 16; length++) {
      const whole = digits.slice(0, length);
      for (let dot = 0; dot <= length; dot++) cells.push(`${whole.slice(0, dot)}.${whole.slice(dot)}`);
      cells.push(whole, `-${whole}`, `+${whole}`);
    }
    for (const cell of cells)
      for (const column of ["Close", "Open", "Volume"] as const) {
        const series = readColumns(fileWith(column, cell), { symbol: "X" }, scratch);
        const value = decimalCell(cell);
        const valid = column === "Volume" ? volumeIsValid(value) : priceIsValid(value);
        const plain = simpleDecimal(cell, 0, cell.length) !== undefined;
        expect(series !== undefined, `${column} ${cell}`).toBe(plain && valid);
        if (series === undefined) continue;
        const read = column === "Close" ? series.closes[1] : column === "Volume" ? series.volume(1) : value;
        expect(Object.is(read, value), `${column} ${cell}`).toBe(true);
      }
  });

  it("takes a date exactly when it is a calendar date after the row before", () => {
    const raw = fc.stringMatching(/^[0-9-]{8,11}$/);
    fc.assert(
      fc.property(raw, (cell) => {
        const series = readColumns(fileWith("Date", cell), { symbol: "X" }, scratch);
        const value = isoDateValue(cell);
        const after = value !== undefined && value > (isoDateValue("2020-01-02") as number);
        expect(series !== undefined).toBe(after);
        if (series) expect(series.time(1)).toBe(cell);
      }),
      { numRuns: 20_000, seed: 13 },
    );
    for (const date of ["2020-02-29", "2020-12-31", "2021-01-01", "2400-02-29", "9999-12-31"])
      expect(readColumns(fileWith("Date", date), { symbol: "X" }, scratch)?.time(1)).toBe(date);
    for (const date of [
      "2021-02-29",
      "2100-02-29",
      "2020-04-31",
      "2020-00-10",
      "2020-1-020",
      "2019-17-05",
      "2020-01-32",
    ])
      expect(readColumns(fileWith("Date", date), { symbol: "X" }, scratch)).toBeUndefined();
  });

  it("takes a file's dates exactly when each is a calendar date after the one before, month after month", () => {
    // Dates near one another, in order as text: many rows in one month, some impossible days and months.
    const day = fc
      .tuple(
        fc.integer({ min: 2019, max: 2021 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([year, month, date]) => `${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`,
      );
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 40 }), (unordered) => {
        const dates = [...unordered].sort();
        const rows = dates.map((date) => `${date},10\n`).join("");
        const series = readColumns(Buffer.from(`Date,Close\n${rows}`), { symbol: "X" }, scratch);
        const values = dates.map((date) => isoDateValue(date));
        const taken = values.every(
          (value, i) => value !== undefined && (i === 0 || value > (values[i - 1] ?? value)),
        );
        expect(series !== undefined).toBe(taken);
        if (series) expect(dates.map((_, i) => series.time(i))).toEqual(dates);
      }),
      { numRuns: 5_000, seed: 29 },
    );
  });

  it("reads the first and last years a date can write", () => {
    const dates = [
      "0000-01-01",
      "0000-02-29",
      "0000-03-01",
      "0001-01-01",
      "0399-12-31",
      "0400-02-29",
      "9999-12-31",
    ];
    const rows = dates.map((date) => `${date},10\n`).join("");
    const series = readColumns(Buffer.from(`Date,Close\n${rows}`), { symbol: "X" }, scratch);
    expect(dates.map((_, i) => series?.time(i))).toEqual(dates);
  });

  it("leaves a file to readSeries when its separator could be part of a date or a number", () => {
    const text = "Date-Close\n2020-01-02-1\n";
    for (const delimiter of ["-", "+", ".", "1"])
      expect(
        readColumns(Buffer.from(text.replaceAll("-", delimiter)), { symbol: "X", delimiter }, scratch),
      ).toBeUndefined();
    expect(
      readColumns(Buffer.from("Date|Close\n2020-01-02|1\n"), { symbol: "X", delimiter: "|" }, scratch)
        ?.closes,
    ).toEqual(Float64Array.from([1]));
  });
});
