// What names a price series: a symbol and an interval, and the one key that joins them.

/**
 * The key of a symbol's series at one interval (a stored window, a group of stream records).
 *
 * @example
 * seriesKey("AAPL", "1d") // "AAPL#1d"
 */
export function seriesKey(symbol: string, interval: string): string {
  return `${symbol}#${interval}`;
}
