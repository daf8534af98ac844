// What a cell that is not a plain decimal holds when a spreadsheet or a vendor wrote it so (a decimal comma,
// thousands separators, Yahoo Finance's null), or a header added with LF above CR LF lines left a carriage
// return in it, so that its refusal says how to write it: numbers are read as plain decimals only
// (docs/cli.md "Input"), none is rewritten.

/** One comma before three digits: 2,933 is 2.933 with a decimal comma, 2933 with a thousands separator. */
const COMMA_EITHER = /^[+-]?\d{1,3},\d{3}$/;
/** Thousands marked with commas, perhaps a decimal point: 2,933.68, 3,635,030,000. */
const THOUSANDS_COMMAS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** Thousands marked with points and a decimal comma: 2.933,68. */
const THOUSANDS_POINTS_DECIMAL_COMMA = /^[+-]?\d{1,3}(\.\d{3})+,\d+$/;
/** Thousands marked with points, no fraction: 3.635.030.000 (one point alone is a plain decimal). */
const THOUSANDS_POINTS = /^[+-]?\d{1,3}(\.\d{3}){2,}$/;
/** A decimal comma: 2933,68. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** How the refusal of a number so written ends, given what it holds and the number written plainly. */
const respelled = (holds: string, plain: string) =>
  `: it has ${holds}, and numbers are read with a decimal point and no thousands separators, as ${plain}: save the file so`;

/**
 * The words a refusal of `cell` as a number ends with, when it is a number spreadsheets write or Yahoo's
 * null; "" otherwise.
 *
 * @example
 * numberHint("2933,68") // ": it has a decimal comma, and numbers are read with a decimal point ..., as 2933.68: save the file so"
 * numberHint("x") // ""
 */
export function numberHint(cell: string): string {
  // Papa Parse ends lines where the first line ends: LF alone leaves a CR LF line's CR in its last cell.
  if (cell.endsWith("\r"))
    return ": it ends with a carriage return: its line ends in CR LF where the file's first line ends in LF alone; give every line one ending (dos2unix FILE)";
  if (cell === "null")
    return ": Yahoo Finance writes null on a day it has no prices for; such a row is no bar: delete it (grep -v null FILE > bars.csv)";
  if (COMMA_EITHER.test(cell))
    return respelled(
      "a decimal comma or a thousands separator",
      `${cell.replace(",", ".")} or ${cell.replace(",", "")}`,
    );
  if (THOUSANDS_COMMAS.test(cell)) return respelled("thousands separators", cell.replaceAll(",", ""));
  if (THOUSANDS_POINTS_DECIMAL_COMMA.test(cell))
    return respelled("a decimal comma and thousands separators", cell.replaceAll(".", "").replace(",", "."));
  if (THOUSANDS_POINTS.test(cell)) return respelled("thousands separators", cell.replaceAll(".", ""));
  if (DECIMAL_COMMA.test(cell)) return respelled("a decimal comma", cell.replace(",", "."));
  return "";
}
