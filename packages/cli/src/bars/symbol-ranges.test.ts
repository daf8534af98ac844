// A long file cut by symbol from a few rows read here and there: every cut the threads then read whole is
// the symbol's rows exactly, and a file whose rows are not a symbol at a time never reads as cut.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NEWLINE } from "./char-codes";
import { ColumnScratch } from "./column-scratch";
import type { PositionalSource } from "./part-reader";
import { bytesAt } from "./part-reader";
import { SEPARATOR_GUESS_LINES } from "./rows";
import { readSharedRows, shareSymbolRuns, shareSymbolRunsInSteps } from "./shared-runs";
import { type CutSizes, cutBySymbol, longFileHeader, readSymbolRows } from "./symbol-ranges";
import { dateFormat } from "./time";

const STYLES = ["date", "epoch"] as const;
/** Thousands of generated files: 2 to 3 s alone, longer beside the rest of the suite on two cores. */
const PROPERTY_TIMEOUT = 30_000;

/** Row `i` of a symbol's series: its time in a style, a close and a volume. */
function row(i: number, style: (typeof STYLES)[number]): string[] {
  const ms = Date.UTC(2000, 0, 1) + i * 86_400_000;
  const time = style === "date" ? new Date(ms).toISOString().slice(0, 10) : String(ms / 1000);
  return [time, (10 + (i % 7) * 0.5).toFixed(2), String(1000 + i)];
}

/** How a file's rows are laid out: a symbol at a time, dealt out by date, or with one row moved away. */
const LAYOUTS = ["runs", "by-date", "moved"] as const;

const longFile = fc
  .record({
    symbols: fc.uniqueArray(fc.constantFrom("AAPL", "MSFT", "X", "BRK.B", "SPY", "QQQ", "Z9"), {
      minLength: 1,
      maxLength: 5,
    }),
    lengths: fc.array(fc.integer({ min: 1, max: 150 }), { minLength: 5, maxLength: 5 }),
    style: fc.constantFrom(...STYLES),
    // A file whose last symbol's times are of the other kind, one time in four.
    mixed: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    column: fc.integer({ min: 0, max: 2 }),
    layout: fc.constantFrom("runs", ...LAYOUTS),
    blank: fc.boolean(),
    moved: fc.tuple(fc.nat(), fc.nat()),
    lastBreak: fc.boolean(),
  })
  .map(({ symbols, lengths, style, mixed, column, layout, blank, moved, lastBreak }) => {
    const styles = symbols.map((_, k) =>
      mixed && k === symbols.length - 1 ? (style === "date" ? "epoch" : "date") : style,
    );
    const rows: { symbol: string; i: number; line: string }[] = [];
    symbols.forEach((symbol, k) => {
      for (let i = 0; i < (lengths[k] ?? 1); i++) {
        const cells = row(i, styles[k] ?? "date");
        cells.splice(column, 0, symbol);
        rows.push({ symbol, i, line: cells.join(",") });
      }
    });
    if (layout === "by-date") rows.sort((a, b) => a.i - b.i);
    if (layout === "moved") {
      const [taken] = rows.splice(moved[0] % rows.length, 1);
      if (taken) rows.splice(moved[1] % (rows.length + 1), 0, taken);
    }
    const lines = rows.map((one) => one.line);
    if (blank) lines.splice(Math.floor(lines.length / 2), 0, "");
    const head = ["Date", "Close", "Volume"];
    head.splice(column, 0, "Symbol");
    const text = `${head.join(",")}\n${lines.join("\n")}${lastBreak ? "\n" : ""}`;
    return { text, rows, epoch: symbols.map((_, k) => styles[k] === "epoch") };
  });

const sizes: fc.Arbitrary<CutSizes> = fc.record({
  look: fc.constantFrom(8, 40, 256, 4096),
  fine: fc.constantFrom(1, 64, 500, 16_384),
  guess: fc.constantFrom(1, 100, 2000, 65_536),
});

/**
 * Each symbol's rows, in order of first appearance, when they come a symbol at a time, each symbol's in
 * time order (a series the column reader takes); else undefined.
 */
function groups(rows: readonly { symbol: string; i: number }[]) {
  const found: { symbol: string; count: number; last: number }[] = [];
  for (const { symbol, i } of rows) {
    const last = found[found.length - 1];
    if (last?.symbol === symbol && i > last.last) {
      last.count++;
      last.last = i;
    } else if (found.some((one) => one.symbol === symbol)) return undefined;
    else found.push({ symbol, count: 1, last: i });
  }
  return found;
}

/** The file's cut by symbol (its header read first), or undefined. */
function cutWith(source: PositionalSource, scratch: ColumnScratch, sizes?: CutSizes) {
  const header = longFileHeader(source, { symbol: "FILE" }, scratch);
  return header && cutBySymbol(source, header, scratch, sizes);
}

describe("a long file cut by symbol", () => {
  it(
    "reads as cut only when its rows come a symbol at a time, each cut that symbol's rows exactly",
    () => {
      let cut = 0;
      let refused = 0;
      fc.assert(
        fc.property(longFile, sizes, ({ text, rows, epoch }, sizes) => {
          const file = Buffer.from(text);
          const source = bytesAt(file);
          const scratch = new ColumnScratch();
          const cuts = cutWith(source, scratch, sizes);
          const read = cuts?.map(({ symbol, rows }) => readSymbolRows(source, rows, symbol, scratch)?.length);
          const grouped = groups(rows);
          const oneStyle = epoch.every((one) => one === epoch[0]);
          if (grouped && grouped.length > 1 && oneStyle) {
            // Found whatever the sizes, each symbol's bars all read.
            expect(cuts?.map((one) => one.symbol)).toEqual(grouped.map((one) => one.symbol));
            expect(read).toEqual(grouped.map((one) => one.count));
            // The cuts cover the rows, one after another, to the file's end.
            expect(cuts?.[cuts.length - 1]?.rows.to).toBe(file.length);
            cuts?.forEach((one, k) => {
              if (k > 0) expect(one.rows.from).toBe(cuts[k - 1]?.rows.to);
            });
            cut++;
          } else {
            // Not a symbol at a time (or one symbol, or two kinds of time): refused here, or by a thread's read.
            expect(cuts === undefined || read?.includes(undefined)).toBe(true);
            refused++;
          }
        }),
        { numRuns: 3000, seed: 41 },
      );
      expect(cut).toBeGreaterThan(500);
      expect(refused).toBeGreaterThan(500);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "shares any long file's runs of rows: each symbol's rows in file order, as eachSymbolSeries reads them",
    () => {
      let shared = 0;
      let refused = 0;
      fc.assert(
        fc.property(longFile, ({ text, rows, epoch }) => {
          const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text)));
          bytes.set(Buffer.from(text));
          const runs = shareSymbolRuns(bytes, { symbol: "FILE" });
          const scratch = new ColumnScratch();
          const read = runs?.symbols.map(({ first }) => readSharedRows(runs.shared, first, scratch)?.length);
          // Each symbol's rows in file order, and whether they are a series (times in order).
          const bySymbol = new Map<string, number[]>();
          for (const { symbol, i } of rows) bySymbol.set(symbol, [...(bySymbol.get(symbol) ?? []), i]);
          const series = [...bySymbol.values()].every((days) =>
            days.every((day, k) => k === 0 || day > (days[k - 1] ?? 0)),
          );
          if (bySymbol.size > 1 && series && epoch.every((one) => one === epoch[0])) {
            expect(runs?.symbols.map((one) => one.symbol)).toEqual([...bySymbol.keys()]);
            expect(read).toEqual([...bySymbol.values()].map((days) => days.length));
            shared++;
          } else {
            expect(runs === undefined || read?.includes(undefined)).toBe(true);
            refused++;
          }
        }),
        { numRuns: 1500, seed: 43 },
      );
      expect(shared).toBeGreaterThan(300);
      expect(refused).toBeGreaterThan(300);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "shares a long file read in two steps as it shares the whole file: rows cut before and after any byte",
    () => {
      /** What a share gives: the symbols with their first runs, and the runs themselves, as plain data. */
      const plain = (shared: ReturnType<typeof shareSymbolRuns>) =>
        shared && {
          symbols: shared.symbols,
          header: shared.shared.header,
          file: Buffer.from(shared.shared.file).toString("latin1"),
          count: shared.shared.runs.count,
          starts: [...shared.shared.runs.starts.subarray(0, shared.shared.runs.count)],
          nexts: [...shared.shared.runs.nexts.subarray(0, shared.shared.runs.count)],
        };
      // A carriage return or a quote past the first step: the file is rewritten whole, as shareSymbolRuns does.
      const respelled = fc.constantFrom("none", "crlf", "quotes");
      let shared = 0;
      let stepped = 0;
      fc.assert(
        fc.property(
          longFile,
          fc.integer({ min: 0, max: 999_999 }),
          respelled,
          ({ text }, millionths, how) => {
            const spelled =
              how === "crlf"
                ? text.replaceAll("\n", "\r\n")
                : how === "quotes"
                  ? text.replace(/\n([^,\n]*),/g, '\n"$1",')
                  : text;
            const whole = () => {
              const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(spelled)));
              bytes.set(Buffer.from(spelled));
              return bytes;
            };
            const expected = plain(shareSymbolRuns(whole(), { symbol: "FILE" }));
            const bytes = whole();
            const at = millionths / 1_000_000;
            // Anywhere, one time in four; else past the lines a separator is guessed from, which a first
            // step must hold to be cut (SEPARATOR_GUESS_LINES), when the file has them.
            let guessed = 0;
            for (let line = 0; line <= SEPARATOR_GUESS_LINES && guessed >= 0; line++)
              guessed = bytes.indexOf(NEWLINE, guessed + 1);
            const from = at < 0.25 || guessed < 0 ? 0 : guessed;
            const read = Math.floor(from + ((at < 0.25 ? 4 * at : at) % 1) * (bytes.length - from));
            // The second step's bytes are not there yet when the first is cut.
            const second = Buffer.from(bytes.subarray(read));
            bytes.fill(0, read);
            const steps = shareSymbolRunsInSteps(bytes, read, { symbol: "FILE" });
            bytes.set(second, read);
            expect(plain(steps.rest(bytes.length))).toEqual(expected);
            if (expected) shared++;
            // A plain file is cut in two steps once its first step holds a row; a rewritten one whole.
            if (how !== "none") expect(steps.cut).toBe(0);
            else if (steps.cut > 0) stepped++;
          },
        ),
        { numRuns: 1500, seed: 47 },
      );
      expect(shared).toBeGreaterThan(300);
      expect(stepped).toBeGreaterThan(300);
    },
    PROPERTY_TIMEOUT,
  );

  it("leaves to the threads' reads a row the cut's sample missed: that symbol's rows are refused", () => {
    // B's rows every other day, and among them one of A's, on a day between two of B's: A's rows are then
    // out of order in the file as a whole, but B's rows read as B's would, but for their Symbol cells.
    const line = (symbol: string, day: number) => `${symbol},${row(day, "date").join(",")}`;
    const a = Array.from({ length: 300 }, (_, day) => day).filter((day) => day !== 201);
    const b = Array.from({ length: 300 }, (_, k) => line("B", 2 * k));
    b.splice(101, 0, line("A", 201));
    const c = Array.from({ length: 300 }, (_, day) => line("C", day));
    const file = Buffer.from(
      `Symbol,Date,Close,Volume\n${[...a.map((day) => line("A", day)), ...b, ...c].join("\n")}\n`,
    );
    const source = bytesAt(file);
    const scratch = new ColumnScratch();
    const cuts = cutWith(source, scratch, { look: 40, fine: 64, guess: 64 });
    expect(cuts?.map((one) => one.symbol)).toEqual(["A", "B", "C"]);
    const read = cuts?.map(({ symbol, rows }) => readSymbolRows(source, rows, symbol, scratch)?.length);
    expect(read).toEqual([299, undefined, 300]);
  });

  it("refuses a file it cannot cut: no Symbol column, a symbol the rule refuses, a row without one", () => {
    const cutOf = (text: string) =>
      cutWith(bytesAt(Buffer.from(text)), new ColumnScratch())?.map((one) => one.symbol);
    expect(cutOf("Symbol,Date,Close\nA,2020-01-02,1\nB,2020-01-02,2\n")).toEqual(["A", "B"]);
    expect(cutOf("Date,Close\n2020-01-02,1\n2020-01-03,2\n")).toBeUndefined();
    expect(cutOf("Symbol,Date,Close\nA,2020-01-02,1\n,2020-01-02,2\n")).toBeUndefined();
    expect(cutOf("Symbol,Date,Close\nA,2020-01-02,1\né,2020-01-02,2\n")).toBeUndefined();
    // A symbol the API's rule refuses (a blank one too: readSeries trims it to nothing).
    expect(cutOf("Symbol,Date,Close\nA,2020-01-02,1\na b,2020-01-02,2\n")).toBeUndefined();
    expect(cutOf("Symbol,Date,Close\nA,2020-01-02,1\n ,2020-01-02,2\n")).toBeUndefined();
    expect(cutOf("Date,Close,Symbol\n2020-01-02,1,A\n2020-01-02,2\n")).toBeUndefined();
    expect(cutOf("Symbol,Date,Close\r\nA,2020-01-02,1\r\nB,2020-01-02,2\r\n")).toBeUndefined();
    // --date-format: the column reader's case no more.
    expect(
      longFileHeader(
        bytesAt(Buffer.from("Symbol,Date,Close\nA,02/01/2020,1\nB,02/01/2020,2\n")),
        { symbol: "X", dateFormat: dateFormat("DD/MM/YYYY") },
        new ColumnScratch(),
      ),
    ).toBeUndefined();
  });
});
