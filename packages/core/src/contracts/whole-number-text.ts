// The text of a whole number from 1 to a maximum, in plain decimal digits, as one regular expression: a
// query's schema checks it and the OpenAPI document shows it (`pattern`), so both say the same maximum.

/**
 * A pattern that matches the whole numbers 1 to `max` written in decimal digits without a leading zero, and
 * nothing else (`0x10`, `1e1`, `016`, ` 16`). Built from `max`: the numbers of fewer digits, then for each
 * digit of `max` those that agree with it before that digit and are smaller there, then `max` itself.
 *
 * @example
 * wholeNumberText(100) // /^(?:[1-9]\d{0,1}|100)$/
 * wholeNumberText(250).test("249") // true
 */
export function wholeNumberText(max: number): RegExp {
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`${max} is no whole number from 1`);
  const digits = String(max);
  const shorter = digits.length > 1 ? [`[1-9]\\d{0,${digits.length - 2}}`] : [];
  const smaller = [...digits].flatMap((digit, i) => {
    const least = i === 0 ? 1 : 0;
    if (Number(digit) <= least) return [];
    const rest = digits.length - i - 1;
    return [`${digits.slice(0, i)}[${least}-${Number(digit) - 1}]${rest > 0 ? `\\d{${rest}}` : ""}`];
  });
  return new RegExp(`^(?:${[...shorter, ...smaller, digits].join("|")})$`);
}
