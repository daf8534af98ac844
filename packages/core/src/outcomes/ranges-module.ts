// The WebAssembly module behind rangesOf (ranges.ts), built from named instructions: its memory layout,
// and its one function, which keeps the highest and lowest of two closes at a time (f64x2.pmax/pmin).

import {
  BLOCK,
  br,
  brIf,
  type Code,
  END,
  F64_GT,
  F64_LT,
  F64X2_PMAX,
  F64X2_PMIN,
  F64X2_SPLAT,
  f64Load,
  f64Store,
  f64x2ExtractLane,
  get,
  I32_ADD,
  I32_EQ,
  I32_GE_S,
  I32_SHL,
  IF,
  i32Const,
  i32Load,
  LOOP,
  moduleBytes,
  SELECT,
  set,
  tee,
  v128Load,
} from "../wasm/binary";

/** Closes of one run copied into the module's memory at most (a run over more is split). */
export const SPAN = 65_536;
/** Asks of one run at most (a longer run is split). */
export const ASKS = 16_384;
// Memory layout, in bytes: the span's closes (f64), the asks' first and last bars relative to the span
// (i32 each), then each ask's answer (ceiling, floor: f64).
export const STARTS_AT = 8 * SPAN;
export const ENDS_AT = STARTS_AT + 4 * ASKS;
export const ANSWERS_AT = ENDS_AT + 4 * ASKS;
const PAGES = Math.ceil((ANSWERS_AT + 16 * ASKS) / 65_536);

// Locals of the function: its parameter, then four i32 and three v128.
const N = 0;
const Q = 1;
const A = 2;
const E = 3;
const I = 4;
const HIGH = 5;
const LOW = 6;
const TWO = 7;

/** `local << shift`: a bar or ask index as a byte offset. */
const bytes = (local: number, shift: number): Code => [get(local), i32Const(shift), I32_SHL];

/** HIGH and LOW widened by the v128 on the stack. */
const widen = (): Code => [
  [set(TWO), get(HIGH), get(TWO), F64X2_PMAX, set(HIGH)],
  [get(LOW), get(TWO), F64X2_PMIN, set(LOW)],
];

/** The lane of `v` that `compare` (F64_GT: the larger, F64_LT: the smaller) prefers; equal lanes are equal. */
const pick = (v: number, compare: number): Code => [
  [get(v), f64x2ExtractLane(0), get(v), f64x2ExtractLane(1)],
  [get(v), f64x2ExtractLane(0), get(v), f64x2ExtractLane(1)],
  compare,
  SELECT,
];

/**
 * The function `ranges(n)`, in text:
 *   for q in 0 .. n-1: a = starts[q]; e = ends[q]; high = low = splat(closes[a])
 *     for i = a + 1; i < e; i += 2: two = v128.load(closes[i], closes[i + 1]); high = pmax(high, two); low = pmin(low, two)
 *     if i == e: two = splat(closes[e]); the same
 *     answers[q] = (larger lane of high, smaller lane of low)
 * Made when the module is built (at the first range asked), not when this file loads: most runs ask none.
 */
const rangesBody = (): Code => [
  BLOCK,
  LOOP,
  [get(Q), get(N), I32_GE_S, brIf(1)],
  [bytes(Q, 2), i32Load(STARTS_AT), set(A)],
  [bytes(Q, 2), i32Load(ENDS_AT), set(E)],
  [bytes(A, 3), f64Load(0), F64X2_SPLAT, tee(HIGH), set(LOW)],
  [get(A), i32Const(1), I32_ADD, set(I)],
  BLOCK,
  LOOP,
  [get(I), get(E), I32_GE_S, brIf(1)],
  [bytes(I, 3), v128Load(0), widen()],
  [get(I), i32Const(2), I32_ADD, set(I)],
  br(0),
  END,
  END,
  [get(I), get(E), I32_EQ, IF],
  [bytes(I, 3), f64Load(0), F64X2_SPLAT, widen()],
  END,
  [bytes(Q, 4), pick(HIGH, F64_GT), f64Store(ANSWERS_AT)],
  [bytes(Q, 4), pick(LOW, F64_LT), f64Store(ANSWERS_AT + 8)],
  [get(Q), i32Const(1), I32_ADD, set(Q)],
  br(0),
  END,
  END,
  END,
];

/**
 * The module: one memory (the layout above) and `ranges`, exported as "memory" and "ranges".
 *
 * @example
 * new WebAssembly.Module(rangesModuleBytes()) // 277 bytes
 */
export function rangesModuleBytes(): Uint8Array {
  return moduleBytes(PAGES, [{ name: "ranges", params: 1, i32Locals: 4, v128Locals: 3, body: rangesBody() }]);
}
