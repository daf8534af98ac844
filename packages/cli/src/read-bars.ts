// A bar file's text to bars: a JSON array when it starts with "[", CSV otherwise.

import { type Bar, BarsError, parseBarsCsv, parseBarsJson } from "@stock-patterns/core";

/**
 * Parses CSV or a JSON array of bars; throws BarsError naming the row and the problem.
 *
 * @example
 * parseBars("Date,Close\n2020-01-02,10\n2020-01-03,11") // two bars
 */
export function parseBars(text: string): Bar[] {
  if (!text.trimStart().startsWith("[")) return parseBarsCsv(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BarsError(`the input is not valid JSON: ${(error as Error).message}`);
  }
  return parseBarsJson(value);
}
