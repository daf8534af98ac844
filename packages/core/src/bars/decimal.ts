// The one rule for a number written in a bar file's cell: a plain decimal, whichever reader meets it (the
// CLI's, which npm start's replay uses too, and core's parseBarsCsv), so a file reads the same through both.

// Number() alone would also take "0x10", "0b1", "1e", "" and " " (and the Unicode spaces trim() takes off).
// The digits before a dot are matched one way only (\d+\.?\d* splits "999" at every place), so a long cell
// that is not a number is refused in time linear in its length.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number an unpadded cell holds: undefined when it is empty, NaN when it is not a plain decimal.
 *
 * @example
 * decimalCell("185.60") // 185.6
 * decimalCell("0x10")   // NaN
 */
export function decimalCell(raw: string): number | undefined {
  if (raw === "") return undefined;
  return DECIMAL.test(raw) ? Number(raw) : Number.NaN;
}
