// The breakout, target and resolution rules of PATTERNS.md "Outcomes", read once for both ways an outcome
// is decided: the batch scan over a whole series (batch.ts) and the stream, bar by bar (track.ts). Each
// takes the bars to look at, so the batch passes all that are known and the stream the ones it was given.
//
// Indexed reads carry `!`: callers pass bars `from .. stop` that lie within `closes`. Small, so the
// optimizing compiler inlines them into both callers' loops (the batch scan is the CLI's hot path).
// biome-ignore-all lint/style/noNonNullAssertion: indices stay within from .. stop, inside closes.

/**
 * The first bar of `from .. stop` whose close is beyond the range (above `ceiling` or below `floor`; a close
 * at either is inside), or `stop + 1` when none is. Whether it broke out up: its close is above `ceiling`.
 *
 * @example
 * breakoutBar([10, 12, 11, 13], 12, 10, 1, 3) // 3: 13 is above the ceiling
 */
export function breakoutBar(
  closes: ArrayLike<number>,
  ceiling: number,
  floor: number,
  from: number,
  stop: number,
): number {
  let k = from;
  while (k <= stop && closes[k]! <= ceiling && closes[k]! >= floor) k++;
  return k;
}

/**
 * The target of a breakout: the range's height beyond the side it broke.
 *
 * @example
 * targetOf(true, 12, 10) // 14
 */
export function targetOf(up: boolean, ceiling: number, floor: number): number {
  const height = ceiling - floor;
  return up ? ceiling + height : floor - height;
}

/**
 * The first bar of `from .. stop` that decides a breakout's outcome (its close reaches `target`, or goes back
 * beyond the far side of the range: below `floor` after a breakout up, above `ceiling` after one down), or
 * `stop + 1` when none does. A close at the target is a hit; one at the far side is not a failure.
 *
 * @example
 * decidingBar([13, 12.5, 14.2], true, 14, 12, 10, 0, 2) // 2
 */
export function decidingBar(
  closes: ArrayLike<number>,
  up: boolean,
  target: number,
  ceiling: number,
  floor: number,
  from: number,
  stop: number,
): number {
  let k = from;
  if (up) while (k <= stop && closes[k]! < target && closes[k]! >= floor) k++;
  else while (k <= stop && closes[k]! > target && closes[k]! <= ceiling) k++;
  return k;
}

/**
 * Whether the close of a deciding bar (decidingBar) reached the target: else it went back beyond the range.
 *
 * @example
 * reachesTarget(true, 14.2, 14) // true
 */
export function reachesTarget(up: boolean, close: number, target: number): boolean {
  return up ? close >= target : close <= target;
}
