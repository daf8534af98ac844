// The seeded tests' settings (the chaos test's seeds and kills, the fuzz test's seed and requests): the
// ones each test names, or, to search further on a machine of one's own, those an environment variable
// gives (docs/reliability.md, "Searching further"). A value that is not what the test takes stops the run
// with the variable named, rather than running something else than asked.

/** A range of whole numbers a setting takes; 0 to 2^32 - 1 by default (a fast-check seed's). */
interface Range {
  min?: number;
  max?: number;
}

/**
 * The whole numbers `variable` gives, comma-separated, each in `range`; `fallback` when it is unset or
 * blank.
 *
 * @example
 * wholeNumbers("CHAOS_SEEDS", [14, 1337]) // CHAOS_SEEDS=7,99: [7, 99]; unset: [14, 1337]
 */
export function wholeNumbers(variable: string, fallback: readonly number[], range: Range = {}): number[] {
  return given(variable, fallback, range, "comma-separated whole numbers");
}

/**
 * The one whole number `variable` gives, in `range`, or `fallback` (as wholeNumbers).
 *
 * @example
 * wholeNumber("FUZZ_RUNS", 3000, { min: 1 }) // FUZZ_RUNS=20000: 20000
 */
export function wholeNumber(variable: string, fallback: number, range: Range = {}): number {
  const [value] = given(variable, [fallback], range, "one whole number");
  return value as number;
}

function given(
  variable: string,
  fallback: readonly number[],
  { min = 0, max = 2 ** 32 - 1 }: Range,
  takes: "comma-separated whole numbers" | "one whole number",
): number[] {
  const written = process.env[variable]?.trim();
  if (!written) return [...fallback];
  const refused = (why: string) =>
    new Error(
      `${variable}=${written}: ${why}; give ${variable} as ${takes} from ${min} to ${max}, or leave it unset for ${fallback.join(",")}`,
    );
  const texts = written.split(",").map((text) => text.trim());
  if (takes === "one whole number" && texts.length > 1) throw refused(`${texts.length} numbers given`);
  return texts.map((text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) throw refused(`"${text}" is not one`);
    return value;
  });
}
