// Which of the names a command or route takes a mistyped one was meant as.

import { listed } from "./listed";

/** A name as compared for a near miss: lower case, letters and digits only (`status[]` is `status`). */
const folded = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Edits (insert, delete, replace, or swap two neighbours: `scna` is one from `scan`) from one name to the other. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1];
      let edits = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (same ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        edits = Math.min(edits, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = edits;
    }
  }
  return at(a.length, b.length);
}

/**
 * The names of `taken` that `name` was most likely meant as: those the same once folded (case, brackets,
 * dashes), else the nearest within one edit (two for a name of five letters or more), every one as near
 * as the nearest (`TOP` is one edit from BTOP, TTOP, RTOP and DTOP alike: none is picked over the others),
 * in the order of `taken`; none when nothing is that near.
 *
 * @example
 * nearMisses("severty", ["status", "severity"]) // ["severity"]
 * nearMisses("BOT", ["BBOT", "TBOT", "IHS"]) // ["BBOT", "TBOT"]
 */
export function nearMisses(name: string, taken: readonly string[]): string[] {
  const given = folded(name);
  if (given === "") return [];
  let best = given.length >= 5 ? 2 : 1;
  let found: string[] = [];
  for (const candidate of taken) {
    const other = folded(candidate);
    // Names whose lengths differ by more edits than allowed are not compared: the distance is at least that,
    // and its table for a long unknown name (30,000 characters, 60 of them in one 2 MiB body) took seconds.
    if (Math.abs(other.length - given.length) > best) continue;
    const edits = distance(given, other);
    if (edits > best) continue;
    if (edits < best) found = [];
    best = edits;
    if (!found.includes(candidate)) found.push(candidate);
  }
  return found;
}

/**
 * The one name of `taken` that `name` was most likely meant as (nearMisses), or undefined when none is, or
 * several are as near.
 *
 * @example
 * nearMiss("scna", ["scan", "stats"]) // "scan"
 */
export function nearMiss(name: string, taken: readonly string[]): string | undefined {
  const found = nearMisses(name, taken);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The words a refusal ends with to name the one meant, or the ones as near: "" when none is.
 *
 * @example
 * `unknown option --min-confidance${didYouMean("--min-confidence")}` // "... (did you mean --min-confidence?)"
 * didYouMean(["BTOP", "TTOP"]) // " (did you mean BTOP or TTOP?)"
 */
export const didYouMean = (meant: string | readonly string[] | undefined): string => {
  const names = typeof meant === "string" ? [meant] : (meant ?? []);
  return names.length === 0 ? "" : ` (did you mean ${listed(names, "or")}?)`;
};
