// The WebAssembly module behind convolve's long ranges and smoothScattered's many windows (smoothing.ts):
// a scan's first chunk of bars would otherwise be smoothed by JavaScript that is not optimized yet, which
// boxes every product and sum while TurboFan compiles it on the other core (~10 ms of a 300k-bar CLI run).
// WebAssembly runs compiled code from its first call. `convolve` makes the same eight independent sums as
// the JavaScript loop, two to a 128-bit value (f64x2 lanes: IEEE products and sums, never fused), each in
// ascending bar order from 0; `scattered` does the same for smoothScattered's windows, four at a time.
// biome-ignore-all lint/style/noNonNullAssertion: local indices come from fixed lists; k stays below count.

import {
  brIf,
  type Code,
  END,
  F64X2_ADD,
  F64X2_MUL,
  F64X2_SPLAT,
  f64Load,
  f64x2ReplaceLane,
  get,
  I32_ADD,
  I32_GT_S,
  I32_LT_S,
  I32_SHL,
  I32_SUB,
  i32Const,
  i32Load,
  LOOP,
  moduleBytes,
  SELECT,
  set,
  v128Load,
  v128Store,
} from "../wasm/binary";
import { instantiate } from "../wasm/instance";

/** Weights of one row at most (a longer row is left to JavaScript): the window is 38 bars, R <= 37. */
export const TAPS = 128;
/** Values computed per call at most (a longer range takes several calls). */
export const SPAN = 8192;
// Memory layout, in bytes: the weights (f64), the closes a run reads (f64, value k's first at k), the values.
const CLOSES_AT = 8 * TAPS;
const VALUES_AT = CLOSES_AT + 8 * (SPAN + TAPS);
/** For `scattered`: the windows' last bars (i32), after the values. */
const ENDS_AT = VALUES_AT + 8 * SPAN;
const PAGES = Math.ceil((ENDS_AT + 4 * SPAN) / 65_536);

// Locals of the function: its two parameters, then six i32 and six v128 (ZERO is never set: zero lanes).
const TAPS_GIVEN = 0;
const COUNT = 1;
const K = 2;
const LAST_K = 3;
const D = 4;
const J = 5;
const END_K = 6;
const TAP_BYTES = 7;
const W = 8;
const SUMS = [9, 10, 11, 12];
const ZERO = 13;

/** SUMS[n] += W * (the two closes at J + 16n): values 2n and 2n + 1 of the block. */
const addProducts = (sum: number, n: number): Code => [
  get(sum),
  get(W),
  get(J),
  v128Load(CLOSES_AT + 16 * n),
  F64X2_MUL,
  F64X2_ADD,
  set(sum),
];

/**
 * The function `convolve(taps, count)`, count >= 8, in text (k, d, j in bytes):
 *   end = count * 8; lastK = end - 64
 *   for k = 0; k < end; k += 64: k = min(k, lastK)   (the last block overlaps the one before: same bits)
 *     sums = 0; for d = 0, j = k; d < taps * 8; d += 8, j += 8: w = splat(weights[d]); sums[n] += w * closes[j + 16n]
 *     values[k + 16n] = sums[n]
 */
const convolveBody = (): Code => [
  [get(COUNT), i32Const(3), I32_SHL, set(END_K)],
  [get(END_K), i32Const(64), I32_SUB, set(LAST_K)],
  [get(TAPS_GIVEN), i32Const(3), I32_SHL, set(TAP_BYTES)],
  LOOP,
  [get(LAST_K), get(K), get(K), get(LAST_K), I32_GT_S, SELECT, set(K)],
  SUMS.map((sum) => [get(ZERO), set(sum)]),
  [i32Const(0), set(D), get(K), set(J)],
  LOOP,
  [get(D), f64Load(0), F64X2_SPLAT, set(W)],
  SUMS.map(addProducts),
  [get(D), i32Const(8), I32_ADD, set(D)],
  [get(J), i32Const(8), I32_ADD, set(J)],
  [get(D), get(TAP_BYTES), I32_LT_S, brIf(0)],
  END,
  SUMS.map((sum, n) => [get(K), get(sum), v128Store(VALUES_AT + 16 * n)]),
  [get(K), i32Const(64), I32_ADD, set(K)],
  [get(K), get(END_K), I32_LT_S, brIf(0)],
  END,
  END,
];

// Locals of `scattered`: its three parameters, then eight i32 and four v128 (ZERO never set).
const OFFSET = 2;
const BASES = [3, 4, 5, 6];
const S_K = 7;
const S_LAST_K = 8;
const S_D = 9;
const S_TAP_BYTES = 10;
const S_W = 11;
const PAIRS = [12, 13];
const S_ZERO = 14;

/** The byte address of window `n`'s first close: (ends[k + n] + offset) * 8. */
const baseOf = (n: number): Code => [
  get(S_K),
  i32Const(2),
  I32_SHL,
  i32Load(ENDS_AT + 4 * n),
  get(OFFSET),
  I32_ADD,
  i32Const(3),
  I32_SHL,
  set(BASES[n]!),
];

/** The close at tap D of window `n`. */
const closeOf = (n: number): Code => [get(BASES[n]!), get(S_D), I32_ADD, f64Load(CLOSES_AT)];

/** PAIRS[p] += W * (the closes at tap D of windows 2p and 2p + 1, as lanes 0 and 1). */
const addPair = (pair: number, p: number): Code => [
  get(pair),
  get(S_W),
  closeOf(2 * p),
  F64X2_SPLAT,
  closeOf(2 * p + 1),
  f64x2ReplaceLane(1),
  F64X2_MUL,
  F64X2_ADD,
  set(pair),
];

/**
 * The function `scattered(taps, count, offset)`, count >= 4, in text (d in bytes): four windows at a time,
 * two to a 128-bit sum, the last four overlapping the ones before (recomputed: the same bits):
 *   for k = 0; k < count; k += 4: k = min(k, count - 4)
 *     base[n] = (ends[k + n] + offset) * 8; pairs = 0
 *     for d = 0; d < taps * 8; d += 8: w = splat(weights[d]); pairs[p] += w * (closes[base[2p] + d], closes[base[2p+1] + d])
 *     values[k .. k+3] = pairs
 */
const scatteredBody = (): Code => [
  [get(COUNT), i32Const(4), I32_SUB, set(S_LAST_K)],
  [get(TAPS_GIVEN), i32Const(3), I32_SHL, set(S_TAP_BYTES)],
  LOOP,
  [get(S_LAST_K), get(S_K), get(S_K), get(S_LAST_K), I32_GT_S, SELECT, set(S_K)],
  [0, 1, 2, 3].map(baseOf),
  PAIRS.map((pair) => [get(S_ZERO), set(pair)]),
  [i32Const(0), set(S_D)],
  LOOP,
  [get(S_D), f64Load(0), F64X2_SPLAT, set(S_W)],
  PAIRS.map(addPair),
  [get(S_D), i32Const(8), I32_ADD, set(S_D)],
  [get(S_D), get(S_TAP_BYTES), I32_LT_S, brIf(0)],
  END,
  PAIRS.map((pair, p) => [get(S_K), i32Const(3), I32_SHL, get(pair), v128Store(VALUES_AT + 16 * p)]),
  [get(S_K), i32Const(4), I32_ADD, set(S_K)],
  [get(S_K), get(COUNT), I32_LT_S, brIf(0)],
  END,
  END,
];

/**
 * The module: one memory (the layout above), `convolve` and `scattered`, exported under those names. Made
 * when the module is first needed (the first long range), not when this file loads.
 *
 * @example
 * new WebAssembly.Module(convolveModuleBytes())
 */
export function convolveModuleBytes(): Uint8Array {
  return moduleBytes(PAGES, [
    { name: "convolve", params: 2, i32Locals: 6, v128Locals: 6, body: convolveBody() },
    { name: "scattered", params: 3, i32Locals: 8, v128Locals: 4, body: scatteredBody() },
  ]);
}

/** The module's function and views of its memory (which never grows: the views stay attached). */
interface ConvolveModule {
  convolve: (taps: number, count: number) => void;
  scattered: (taps: number, count: number, offset: number) => void;
  weights: Float64Array;
  closes: Float64Array;
  values: Float64Array;
  ends: Int32Array;
}

/** The module's functions and views of its memory, or undefined where WebAssembly SIMD is missing. */
function instantiated(): ConvolveModule | undefined {
  const instance = instantiate(convolveModuleBytes);
  if (instance === undefined) return undefined;
  const { exports, memory } = instance;
  return {
    convolve: exports.convolve as (taps: number, count: number) => void,
    scattered: exports.scattered as (taps: number, count: number, offset: number) => void,
    weights: new Float64Array(memory, 0, TAPS),
    closes: new Float64Array(memory, CLOSES_AT, SPAN + TAPS),
    values: new Float64Array(memory, VALUES_AT, SPAN),
    ends: new Int32Array(memory, ENDS_AT, SPAN),
  };
}

// Built, compiled and instantiated at the first long range, not when the module loads. null: not tried yet.
let convolveModule: ConvolveModule | undefined | null = null;

function moduleOnce(): ConvolveModule | undefined {
  if (convolveModule === null) convolveModule = instantiated();
  return convolveModule;
}

/**
 * convolve (smoothing.ts) for a range of at least 8 values by the module: false, having done nothing, where
 * WebAssembly SIMD is missing or the row is longer than TAPS. Copies the closes the range reads into the
 * module's memory and the values out, SPAN at a time (a run shorter than 8 at the end starts 8 before its
 * end, computing values again to the same bits).
 *
 * @example
 * convolveByModule(kernel.interior, closes, smooth, R, closes.length - R, -R) // true: smoothed
 */
export function convolveByModule(
  weights: Float64Array,
  closes: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  offset: number,
): boolean {
  const taps = weights.length;
  if (taps > TAPS) return false;
  const m = moduleOnce();
  if (m === undefined) return false;
  m.weights.set(weights);
  for (let i = from; i < to; i += SPAN) {
    const end = Math.min(to, i + SPAN);
    const start = end - i < 8 ? end - 8 : i;
    const count = end - start;
    const first = start + offset;
    m.closes.set(closes.subarray(first, first + count + taps - 1));
    m.convolve(taps, count);
    out.set(m.values.subarray(0, count), start);
  }
  return true;
}

/**
 * smoothScattered (smoothing.ts) for at least 4 windows by the module: false, having done nothing, where
 * WebAssembly SIMD is missing, the row is longer than TAPS, or the closes or windows pass SPAN (a batch
 * chunk is 4,096 bars). Copies the closes and the windows' last bars in and scatters the values out.
 *
 * @example
 * scatteredByModule(kernelRow(kernel, t), closes, ends, count, offset, edges, slots, slot) // true: smoothed
 */
export function scatteredByModule(
  weights: Float64Array,
  closes: Float64Array,
  ends: Int32Array,
  count: number,
  offset: number,
  out: Float64Array,
  stride: number,
  slot: number,
): boolean {
  const taps = weights.length;
  if (count < 4 || count > SPAN || taps > TAPS || closes.length > SPAN + TAPS) return false;
  const m = moduleOnce();
  if (m === undefined) return false;
  m.weights.set(weights);
  m.closes.set(closes);
  m.ends.set(ends.subarray(0, count));
  m.scattered(taps, count, offset);
  const { values } = m;
  for (let k = 0; k < count; k++) out[ends[k]! * stride + slot] = values[k]!;
  return true;
}
