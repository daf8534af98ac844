// A symbol's runs gathered into one range of lines: the same bytes as its runs' slices joined, wherever the
// file and the copy lie against a four-byte word (rowsOf copies a word at a time when it can).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rowsOf } from "./gathered-rows";
import { SymbolRuns } from "./symbol-runs";

/** Rows of two symbols dealt out in a given order, each row its own run, their lengths as generated. */
const dealt = fc.record({
  rows: fc.array(
    fc.record({ symbol: fc.constantFrom(0, 1), text: fc.stringMatching(/^[0-9A-Z,.]{0,40}$/) }),
    {
      minLength: 2,
      maxLength: 40,
    },
  ),
  fileOffset: fc.integer({ min: 0, max: 7 }),
  copyOffset: fc.integer({ min: 0, max: 7 }),
  copyRoom: fc.integer({ min: 0, max: 200 }),
  lastBreak: fc.boolean(),
});

describe("rowsOf", () => {
  it("gathers a symbol's runs into the bytes of its rows joined, at any alignment of file and copy", () => {
    fc.assert(
      fc.property(dealt, ({ rows, fileOffset, copyOffset, copyRoom, lastBreak }) => {
        const lines = rows.map(({ text }, i) => (i < rows.length - 1 || lastBreak ? `${text}\n` : text));
        const text = lines.join("");
        // The file lies `fileOffset` bytes into its buffer, as a Buffer's slice of a larger one does.
        const file = Buffer.alloc(fileOffset + text.length + 5).subarray(
          fileOffset,
          fileOffset + text.length,
        );
        file.write(text, "latin1");
        const runs = new SymbolRuns(file.length, 4);
        const seen: number[] = [];
        let at = 0;
        rows.forEach(({ symbol }, i) => {
          // SymbolRuns numbers symbols by first appearance.
          if (!seen.includes(symbol)) seen.push(symbol);
          runs.add(seen.indexOf(symbol), at);
          at += lines[i]?.length ?? 0;
        });
        for (let k = 0; k < seen.length; k++) {
          const expected = lines.filter((_, i) => rows[i]?.symbol === seen[k]).join("");
          const gathered = { bytes: Buffer.alloc(copyOffset + copyRoom).subarray(copyOffset) };
          const got = rowsOf(file, runs, runs.firstOf(k), gathered);
          expect(got.bytes.toString("latin1", got.from, got.to)).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
