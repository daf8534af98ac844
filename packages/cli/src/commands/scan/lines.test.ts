import { type Detection, detectionRecord, type FollowedDetection, PATTERN_CODES } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listedLines } from "../../../test/listed-lines";
import { OutputSlots } from "../../output-slots";
import { CsvLinesWriter } from "./csv-lines";
import { JsonLinesWriter } from "./json-lines";
import { LineChunks } from "./line-chunks";

const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString("utf8");

/** Prices as a scan may give them: tiny, huge, with many digits or none. */
const price = fc.oneof(
  fc.double({ min: 1e-12, max: 1e25, noNaN: true }),
  fc.integer({ min: 1, max: 1_000_000 }),
  fc.constantFrom(1e-7, 0.000001, 1e21, 123456789012345680000, 0.1 + 0.2, 5e-324),
);

/** Detections with the scan's keys in its order; times drawn by `time`. */
const detection = (time: fc.Arbitrary<string>): fc.Arbitrary<Detection> =>
  fc
    .record({
      pattern: fc.constantFrom(...PATTERN_CODES),
      extrema: fc.array(fc.record({ time, price, kind: fc.constantFrom("max" as const, "min" as const) }), {
        minLength: 2,
        maxLength: 5,
      }),
      detectedAt: time,
      confidence: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ pattern, extrema, detectedAt, confidence }) => ({
      pattern,
      start: extrema[0]?.time ?? "",
      end: extrema[extrema.length - 1]?.time ?? "",
      detectedAt,
      extrema,
      confidence,
    }));

/** Symbols from file names: any text, commas, quotes and letters past ASCII included. */
const symbol = fc.oneof(fc.string(), fc.constantFrom("SPX", "Société Générale", 'A,"B"', "日経225", "x\ny"));

const asciiTime = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string({ unit: "binary-ascii" }),
);

/**
 * Property tests of whole scans' lines, synchronous: 0.5-1.2 s each alone, but one took past vitest's 5 s
 * (its limit on a test that returns late) in the CLI's suite at load ~6 with 87 CLI processes beside it.
 */
const PROPERTY_TIMEOUT = 30_000;

describe("the lines written while scanning", { timeout: PROPERTY_TIMEOUT }, () => {
  it("JSON Lines: the bytes JSON.stringify gives for each { symbol, ...detection }", () => {
    fc.assert(
      fc.property(symbol, fc.array(detection(asciiTime), { maxLength: 40 }), (name, found) => {
        const writer = new JsonLinesWriter(name);
        for (const d of found) writer.push(d);
        const expected = found.map((d) => `${JSON.stringify({ symbol: name, ...d })}\n`).join("");
        expect(text(writer.chunks())).toBe(expected);
        expect(writer.counts).toEqual(listedLines(name, found, "jsonl").counts);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it("JSON Lines with outcomes: the bytes JSON.stringify gives for PATTERNS.md's record, nulls and missing returns included", () => {
    // As scanOutcomes keeps them: the known returns first, in the order of HORIZONS.
    const returns = fc.array(fc.double(), { maxLength: 4 });
    const outcome = fc.record({
      ceiling: price,
      floor: price,
      status: fc.constantFrom("open", "expired", "target", "failed", "stalled"),
      breakout: fc.option(fc.record({ time: asciiTime, direction: fc.constantFrom("up", "down") }), {
        nil: null,
      }),
      target: fc.option(price, { nil: null }),
      resolvedAt: fc.option(asciiTime, { nil: null }),
      returns,
    });
    const withOutcome = fc
      .tuple(detection(asciiTime), outcome)
      .map(([d, o]): FollowedDetection => ({ ...d, outcome: o }));
    fc.assert(
      fc.property(symbol, fc.array(withOutcome, { maxLength: 20 }), (name, found) => {
        const writer = new JsonLinesWriter(name);
        for (const d of found) writer.push(d);
        const expected = found.map((d) => `${JSON.stringify({ symbol: name, ...detectionRecord(d) })}\n`);
        expect(text(writer.chunks())).toBe(expected.join(""));
        const listed = listedLines(name, found, "jsonl", true).text;
        expect(listed).toBe(expected.join(""));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("JSON Lines of detections sharing extremum records, across chunks printed and written into again", () => {
    // As the scan gives them: each window's extrema are mostly records of the windows before it.
    const day = (i: number) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
    const extrema = Array.from({ length: 8000 }, (_, i) => ({
      time: day(i),
      price: 100 + (i % 97) / 16,
      kind: i % 2 === 0 ? ("max" as const) : ("min" as const),
    }));
    const found: Detection[] = [];
    for (let i = 0; i + 5 <= extrema.length; i++)
      for (const pattern of i % 3 === 0 ? (["HS", "TTOP"] as const) : (["DTOP"] as const)) {
        const own = extrema.slice(i, i + 5);
        found.push({
          pattern,
          start: day(i),
          end: day(i + 4),
          detectedAt: day(i + 6),
          extrema: own,
          confidence: i % 101,
        });
      }
    const expected = found.map((d) => `${JSON.stringify({ symbol: "SPX", ...d })}\n`).join("");
    for (const written of [true, undefined]) {
      const printed: Buffer[] = [];
      const writer = new JsonLinesWriter("SPX", undefined, (chunk) => {
        printed.push(Buffer.from(chunk));
        return written;
      });
      for (const d of found) writer.push(d);
      expect(printed.length).toBeGreaterThan(1);
      expect(Buffer.concat([...printed, ...writer.chunks()]).toString("latin1")).toBe(expected);
    }
  });

  it("JSON Lines of records whose keys come in another order: still JSON.stringify's bytes", () => {
    const extrema = [{ price: 10.5, time: "2020-01-02", kind: "max" as const }];
    const found = [
      { confidence: 40, pattern: "HS", start: "a", end: "b", detectedAt: "c", extrema: [] },
      { pattern: "DTOP", start: "a", end: "b", detectedAt: "c", extrema, confidence: 80 },
    ] as Detection[];
    for (const first of [0, 1]) {
      const writer = new JsonLinesWriter("SPX");
      const ordered = first === 0 ? found : [...found].reverse();
      for (const d of ordered) writer.push(d);
      const expected = ordered.map((d) => `${JSON.stringify({ symbol: "SPX", ...d })}\n`).join("");
      expect(text(writer.chunks())).toBe(expected);
    }
  });

  it("CSV: the rows --format csv prints for the same detections, quoting and all", () => {
    fc.assert(
      fc.property(symbol, fc.array(detection(fc.string()), { maxLength: 40 }), (name, found) => {
        const writer = new CsvLinesWriter(name);
        for (const d of found) writer.push(d);
        const expected = listedLines(name, found, "csv");
        expect(text(writer.chunks())).toBe(expected.text);
        expect(writer.counts).toEqual(expected.counts);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("keeps only the detections the screen accepts, and counts those", () => {
    const found: Detection[] = [
      { pattern: "HS", start: "a", end: "b", detectedAt: "c", extrema: [], confidence: 40 },
      { pattern: "DTOP", start: "a", end: "b", detectedAt: "c", extrema: [], confidence: 80 },
    ];
    const writer = new CsvLinesWriter("SPX", (d) => d.confidence >= 50);
    for (const d of found) writer.push(d);
    expect(text(writer.chunks())).toBe("SPX,DTOP,double top,a,b,c,80\n");
    expect(writer.counts).toEqual({ DTOP: 1 });
  });

  it("starts a chunk when a line does not fit, and writes text past ASCII as UTF-8", () => {
    const lines = new LineChunks();
    const long = `${"x".repeat((1 << 20) - 5)}\n`;
    lines.line("é,日\n");
    lines.line(long);
    lines.line("end\n");
    const chunks = lines.chunks();
    expect(chunks.map((chunk) => chunk.length)).toEqual([Buffer.byteLength("é,日\n"), long.length + 4]);
    expect(text(chunks)).toBe(`é,日\n${long}end\n`);
  });

  it("writes into the memory it is given, and gives back a chunk printed that is too small for the next line", () => {
    const slots = new OutputSlots();
    const lines = new LineChunks(() => true, slots);
    lines.line("a\n");
    const first = lines.out;
    const long = `${"x".repeat(2 << 20)}\n`;
    lines.line(long);
    expect(lines.out === first).toBe(false);
    expect(lines.out.buffer).toBeInstanceOf(SharedArrayBuffer);
    // The first slot, given back, grown for the long line.
    expect(slots.held()?.slots).toEqual([0]);
    expect(text(lines.chunks())).toBe(long);
  });

  it("prints each chunk as it fills, and writes into its memory again once it is written", () => {
    const line = `${"y".repeat(999)}\n`;
    for (const written of [true, undefined]) {
      const printed: Buffer[] = [];
      const memory = new Set<ArrayBufferLike>();
      const lines = new LineChunks((chunk) => {
        printed.push(Buffer.from(chunk));
        memory.add(chunk.buffer);
        return written;
      });
      for (let i = 0; i < 3000; i++) lines.line(line);
      const rest = lines.chunks();
      // 3 MB of lines: 1,048 lines fill a chunk; two chunks printed, the rest still held.
      expect(printed.map((chunk) => chunk.length)).toEqual([1048000, 1048000]);
      expect(Buffer.concat([...printed, ...rest]).toString()).toBe(line.repeat(3000));
      for (const chunk of rest) memory.add(chunk.buffer);
      expect(memory.size).toBe(written ? 1 : 3);
    }
  });
});
