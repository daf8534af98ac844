// Random series for the property tests: walks with steps of 0.1% to 3%, and a bandwidth.

import fc from "fast-check";
import { day } from "./planted";

export const randomSeries = fc
  .record({
    // Steps of at least 0.1% keep exact ties out of the smoothed series ("floating-point ties aside").
    steps: fc.array(
      fc
        .tuple(fc.boolean(), fc.double({ min: 0.001, max: 0.03, noNaN: true }))
        .map(([up, size]) => (up ? size : -size)),
      { minLength: 38, maxLength: 300 },
    ),
    bandwidth: fc.constantFrom(0.6, 1, 1.5, 3),
  })
  .map(({ steps, bandwidth }) => {
    let close = 100;
    const bars = steps.map((step, i) => {
      close *= 1 + step;
      return { time: day(i), close };
    });
    return { bars, bandwidth };
  });

/**
 * Closes in whole cents near $10, each step -30 to 30 cents, half of them 0: neighbouring closes are often
 * equal, as in the prices of a thinly traded stock, so an extremum's price is often the spec's "first such
 * bar on a tie".
 */
export const centSeries = fc
  .record({
    steps: fc.array(fc.oneof(fc.integer({ min: -30, max: 30 }), fc.constant(0)), {
      minLength: 38,
      maxLength: 600,
    }),
    bandwidth: fc.constantFrom(0.6, 1, 1.5, 3),
  })
  .map(({ steps, bandwidth }) => {
    let cents = 1_000;
    const bars = steps.map((step, i) => {
      cents = Math.max(1, cents + step);
      return { time: day(i), close: cents / 100 };
    });
    return { bars, bandwidth };
  });
