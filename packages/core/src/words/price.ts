// A price as every surface writes it for a reader (the CLI's target column, the console's levels), so that
// one target is never 46034.4 in one place and 46034.38 in another.

/**
 * A price to six significant digits, and to the cent from 10,000 up: enough to tell apart a forex pair's
 * 1.0835 and 1.0790 or a sub-cent 0.0045 (which cents alone made 1.08, 1.08 and 0), and the cents of a
 * Dow-scale 46034.38 (which six digits alone made 46034.4) or of a 1484980.10 (1484980).
 *
 * @example
 * priceText(1527.4567) // "1527.46"
 * priceText(46034.383193) // "46034.38"
 * priceText(0.0045) // "0.0045"
 */
export function priceText(price: number): string {
  if (Math.abs(price) >= 10_000) return String(Math.round(price * 100) / 100);
  return String(Number(price.toPrecision(6)));
}
