// Bar times are kept verbatim; this gives them an order (ISO dates and datetimes, or epoch numbers).

const EPOCH_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The ordering key of a bar time: epoch numbers as given, ISO dates and datetimes as epoch milliseconds.
 * Returns NaN when the text is neither.
 *
 * @example
 * timeValue("2020-01-02") < timeValue("2020-01-03") // true
 */
export function timeValue(time: string): number {
  const text = time.trim();
  if (text === "") return Number.NaN;
  return EPOCH_NUMBER.test(text) ? Number(text) : Date.parse(text);
}
