// Scan results made comparable in tests: a series' lines are printed as a string or as byte chunks.

import type { FileResult } from "../src/commands/scan/scan-file";

/**
 * A result with its lines as one string, whatever form they were printed in (table rows, which are not
 * all text, byte for byte).
 *
 * @example
 * expect(printed(inParts)).toEqual(printed(whole));
 */
export function printed(result: FileResult | undefined) {
  if (result === undefined || !("series" in result)) return result;
  return result.series.map((one) => ({
    ...one,
    text:
      typeof one.text === "string"
        ? one.text
        : one.text.map((chunk) => Buffer.from(chunk).toString(one.widths ? "latin1" : "utf8")).join(""),
  }));
}
