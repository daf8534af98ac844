// The ranges of a run of outcomes (highest and lowest close of bars a..e), two closes at a time by
// WebAssembly SIMD. JavaScript's comparisons, Math.max and Math.min all compile to branches, and a random
// walk's closes set a new high or low on a third of a range's bars: those branches mispredict, and a close
// cost about 5 ns (the bench's 139,000 ranges: 11 ms). f64x2.pmax and f64x2.pmin select without branching
// and return one of their inputs exactly (`a < b ? b : a`), so each range is the same two closes (3-4 ms).
// Where WebAssembly SIMD is missing, the same loop in JavaScript. The module: ranges-module.ts.
// biome-ignore-all lint/style/noNonNullAssertion: ask indices stay below the count given, bars within closes.

import { instantiate } from "../wasm/instance";
import { ANSWERS_AT, ASKS, ENDS_AT, rangesModuleBytes, SPAN, STARTS_AT } from "./ranges-module";

/** Writes the ceiling and floor of asks 0 .. count-1 (bars starts[q] .. ends[q]) into `ceilings` and `floors`. */
export type RangesOf = (
  closes: ArrayLike<number>,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  ceilings: Float64Array,
  floors: Float64Array,
) => void;

/**
 * The ranges by a plain loop: what the module computes, for where WebAssembly SIMD is missing (and for
 * the tests to hold the two equal).
 *
 * @example
 * rangesByLoop([3, 5, 4], Int32Array.of(0), Int32Array.of(2), 1, ceilings, floors) // ceilings[0] 5, floors[0] 3
 */
export const rangesByLoop: RangesOf = (closes, starts, ends, count, ceilings, floors) => {
  for (let q = 0; q < count; q++) {
    const e = ends[q]!;
    let ceiling = closes[starts[q]!]!;
    let floor = ceiling;
    for (let i = starts[q]! + 1; i <= e; i++) {
      const close = closes[i]!;
      if (close > ceiling) ceiling = close;
      if (close < floor) floor = close;
    }
    ceilings[q] = ceiling;
    floors[q] = floor;
  }
};

/** The module's function and views of its memory. */
interface SimdModule {
  ranges: (count: number) => void;
  closes: Float64Array;
  starts: Int32Array;
  ends: Int32Array;
  answers: Float64Array;
}

/** The module's function and views of its memory, or undefined where WebAssembly SIMD is missing. */
function instantiated(): SimdModule | undefined {
  const instance = instantiate(rangesModuleBytes);
  if (instance === undefined) return undefined;
  const { exports, memory } = instance;
  return {
    ranges: exports.ranges as (count: number) => void,
    closes: new Float64Array(memory, 0, SPAN),
    starts: new Int32Array(memory, STARTS_AT, ASKS),
    ends: new Int32Array(memory, ENDS_AT, ASKS),
    answers: new Float64Array(memory, ANSWERS_AT, 2 * ASKS),
  };
}

// Built, compiled and instantiated at the first range asked, not when the module loads: a process without
// outcomes never asks one (2.6 ms of every CLI start, cli300k's marks). null: not tried yet.
let simdModule: SimdModule | undefined | null = null;

function simd(): SimdModule | undefined {
  if (simdModule === null) simdModule = instantiated();
  return simdModule;
}

/**
 * The ranges by the module, or undefined where WebAssembly SIMD is missing (made at the first call).
 *
 * @example
 * simdRanges()?.(closes, starts, ends, count, ceilings, floors);
 */
export function simdRanges(): RangesOf | undefined {
  const m = simd();
  if (m === undefined) return undefined;
  return (closes, starts, ends, count, ceilings, floors) =>
    rangesByModule(m, closes, starts, ends, count, ceilings, floors);
}

/**
 * The ranges by the module `m`, in runs that fit its memory (asks in order of their last bar, as a scan
 * asks, keep a run's span short; any order is right).
 */
function rangesByModule(
  m: SimdModule,
  closes: ArrayLike<number>,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  ceilings: Float64Array,
  floors: Float64Array,
): void {
  let q = 0;
  while (q < count) {
    // The run: asks from q on while their bars fit the span and they fit the asks' room.
    let first = starts[q]!;
    let last = ends[q]!;
    let end = q;
    while (end < count && end - q < ASKS) {
      const low = Math.min(first, starts[end]!);
      const high = Math.max(last, ends[end]!);
      if (high - low >= SPAN) break;
      first = low;
      last = high;
      end++;
    }
    if (end === q) {
      // One ask over more bars than the span: by the loop.
      rangesByLoop(
        closes,
        starts.subarray(q, q + 1),
        ends.subarray(q, q + 1),
        1,
        ceilings.subarray(q),
        floors.subarray(q),
      );
      q++;
      continue;
    }
    if (closes instanceof Float64Array) m.closes.set(closes.subarray(first, last + 1));
    else for (let i = first; i <= last; i++) m.closes[i - first] = closes[i]!;
    for (let k = q; k < end; k++) {
      m.starts[k - q] = starts[k]! - first;
      m.ends[k - q] = ends[k]! - first;
    }
    m.ranges(end - q);
    for (let k = q; k < end; k++) {
      ceilings[k] = m.answers[2 * (k - q)]!;
      floors[k] = m.answers[2 * (k - q) + 1]!;
    }
    q = end;
  }
}

/**
 * The ranges of asks 0 .. count-1: by the module where there is WebAssembly SIMD, else by the loop.
 *
 * @example
 * rangesOf(closes, starts, ends, count, ceilings, floors);
 */
export const rangesOf: RangesOf = (closes, starts, ends, count, ceilings, floors) => {
  const m = simd();
  if (m === undefined) rangesByLoop(closes, starts, ends, count, ceilings, floors);
  else rangesByModule(m, closes, starts, ends, count, ceilings, floors);
};
