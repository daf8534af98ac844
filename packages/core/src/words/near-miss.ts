// Which of the names a command or route takes a mistyped one was meant as.

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
 * The name of `taken` that `name` was most likely meant as: the same once folded (case, brackets, dashes), else
 * the nearest within one edit (two for a name of five letters or more); none when nothing is that near.
 *
 * @example
 * nearMiss("severty", ["status", "severity"]) // "severity"
 */
export function nearMiss(name: string, taken: readonly string[]): string | undefined {
  const given = folded(name);
  if (given === "") return undefined;
  const reach = given.length >= 5 ? 2 : 1;
  let best: { name: string; edits: number } | undefined;
  for (const candidate of taken) {
    const edits = distance(given, folded(candidate));
    if (edits <= reach && (best === undefined || edits < best.edits)) best = { name: candidate, edits };
  }
  return best?.name;
}

/**
 * The words a refusal ends with to name the one meant: "" when none is.
 *
 * @example
 * `unknown option --min-confidance${didYouMean("--min-confidence")}` // "... (did you mean --min-confidence?)"
 */
export const didYouMean = (meant: string | undefined): string =>
  meant === undefined ? "" : ` (did you mean ${meant}?)`;
