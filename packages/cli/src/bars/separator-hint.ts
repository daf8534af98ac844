// A header read whole as one cell, or cut at the wrong character, because its file separates cells with a
// character the CLI does not detect (`|`, `:`): the refusal names the character its names are cut at, where
// "the header has no Date or Time column" left the user to find --delimiter.

import { BarsError, barColumns } from "@stock-patterns/core";

/** Characters a file might separate its cells with, other than the , ; and tab detected: tried in order. */
const OTHER_SEPARATORS = ["|", ":", "/", "~", "^", "!", "#", "*", " "];

/**
 * What the refusal of header `cells` (cut at `separator`) adds when cut at another character they name a
 * time and a Close column: `; cut at "|" its names are Date, Close: give --delimiter '|'`; "" else.
 *
 * @example
 * separatorHint(["Date|Close"], ",") // "; cut at \"|\", its cells name the columns (Date, Close): give --delimiter '|'"
 * separatorHint(["Date", "Price"], ",") // ""
 */
export function separatorHint(cells: readonly string[], separator: string): string {
  const line = cells.join(separator);
  for (const other of [...OTHER_SEPARATORS, ...unusualCharacters(line)]) {
    if (other === separator || !line.includes(other)) continue;
    const names = line.split(other).map((name) => name.trim());
    try {
      barColumns(names);
    } catch (error) {
      if (error instanceof BarsError) continue;
      throw error;
    }
    // Each candidate is safe between a shell's single quotes.
    const at = other === " " ? "a space" : `"${other}"`;
    return `; cut at ${at}, its cells name the columns (${names.join(", ")}): give --delimiter '${other}'`;
  }
  return "";
}

/**
 * The characters of `line` (whole code points, in order, each once) that are no letter, digit, mark, space,
 * quote, control or format character (--delimiter refuses those): any may be a file's own separator
 * (`Date📈Close`), tried after the usual ones.
 *
 * @example
 * unusualCharacters("Date📈Close") // ["📈"]
 */
function unusualCharacters(line: string): string[] {
  return [...new Set(line)].filter((character) => !/[\p{L}\p{N}\p{M}\p{C}\s'"]/u.test(character));
}
