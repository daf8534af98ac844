// A number written out in positional notation, as a reader of prices expects it: JavaScript's own text
// switches to an exponent from 1e21 up (1.114630006e+21) and below 1e-6 (1.23457e-7).

const EXPONENT = "e";

/**
 * `value` (finite) with the digits of its shortest text that reads back as it (String's), never an exponent:
 * zeros put the point in place, and no digit is added that String does not write.
 *
 * @example
 * plainDecimal(1527.46) // "1527.46"
 * plainDecimal(1.1146300059999996e22) // "11146300059999996000000"
 * plainDecimal(1.23457e-10) // "0.000000000123457"
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const e = text.indexOf(EXPONENT);
  if (e < 0) return text;
  const sign = value < 0 ? "-" : "";
  const mantissa = text.slice(sign.length, e);
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // Where the point falls among the digits: after those before the mantissa's point, moved by the exponent.
  const point = (dot < 0 ? mantissa.length : dot) + Number(text.slice(e + 1));
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
