// A price as every surface writes it for a reader (the CLI's target column, the console's levels), so that
// one target is never 46034.4 in one place and 46034.38 in another.

import { plainDecimal } from "./plain-decimal";

/**
 * A price to six significant digits, and to the cent from 10,000 up: enough to tell apart a forex pair's
 * 1.0835 and 1.0790 or a sub-cent 0.0045 (which cents alone made 1.08, 1.08 and 0), and the cents of a
 * Dow-scale 46034.38 (which six digits alone made 46034.4) or of a 1484980.10 (1484980). Written out in
 * digits across the whole range a price may take (PRICE_RANGE, 1e-30 to 1e30): String's exponent had made
 * a target of 1.1e21 "1.114630006e+21" and one of 1.2e-7 "1.23457e-7".
 *
 * @example
 * priceText(1527.4567) // "1527.46"
 * priceText(46034.383193) // "46034.38"
 * priceText(0.0045) // "0.0045"
 * priceText(1.114630006e21) // "1114630006000000000000"
 */
export function priceText(price: number): string {
  // A price from 2^52 up is a whole number already: scaled to cents and back it could move a unit.
  if (Math.abs(price) >= 10_000)
    return plainDecimal(Number.isInteger(price) ? price : Math.round(price * 100) / 100);
  return plainDecimal(Number(price.toPrecision(6)));
}
