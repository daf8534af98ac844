// The WebAssembly module behind rangesOf (ranges.ts), built from named instructions: its memory layout,
// and its one function, which keeps the highest and lowest of two closes at a time (f64x2.pmax/pmin).

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

/** Unsigned LEB128, the binary format's integers. */
function leb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return out;
}

// The instructions used, by the binary format's opcodes (WebAssembly core spec 2.0, SIMD included).
const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const tee = (local: number) => [0x22, local];
const i32 = (value: number) => [0x41, ...leb(value)];
const simd = (op: number, ...immediates: number[]) => [0xfd, ...leb(op), ...immediates];
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const I32_GE_S = 0x4e;
const I32_EQ = 0x46;
const F64_GT = 0x64;
const F64_LT = 0x63;
const SELECT = 0x1b;
const i32Load = (offset: number) => [0x28, 2, ...leb(offset)];
const F64_LOAD = [0x2b, 3, 0];
const f64Store = (offset: number) => [0x39, 3, ...leb(offset)];
const V128_LOAD = simd(0x00, 3, 0);
const F64X2_SPLAT = simd(0x14);
const F64X2_PMIN = simd(0xf6);
const F64X2_PMAX = simd(0xf7);
const lane = (k: number) => simd(0x21, k);
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const END = [0x0b];
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];

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
const bytes = (local: number, shift: number) => [...get(local), ...i32(shift), I32_SHL];

/** HIGH and LOW widened by the v128 on the stack. */
const widen = () =>
  [...set(TWO), ...get(HIGH), ...get(TWO), ...F64X2_PMAX, ...set(HIGH)].concat(
    get(LOW),
    get(TWO),
    F64X2_PMIN,
    set(LOW),
  );

/** The lane of `v` that `compare` (F64_GT: the larger, F64_LT: the smaller) prefers; equal lanes are equal. */
const pick = (v: number, compare: number) =>
  [...get(v), ...lane(0), ...get(v), ...lane(1), ...get(v), ...lane(0), ...get(v), ...lane(1)].concat(
    compare,
    SELECT,
  );

/**
 * The function `ranges(n)`, in text:
 *   for q in 0 .. n-1: a = starts[q]; e = ends[q]; high = low = splat(closes[a])
 *     for i = a + 1; i < e; i += 2: two = v128.load(closes[i], closes[i + 1]); high = pmax(high, two); low = pmin(low, two)
 *     if i == e: two = splat(closes[e]); the same
 *     answers[q] = (larger lane of high, smaller lane of low)
 * Made when the module is built (at the first range asked), not when this file loads: most runs ask none.
 */
const rangesBody = () => [
  ...BLOCK,
  ...LOOP,
  ...[...get(Q), ...get(N), I32_GE_S, ...brIf(1)],
  ...[...bytes(Q, 2), ...i32Load(STARTS_AT), ...set(A)],
  ...[...bytes(Q, 2), ...i32Load(ENDS_AT), ...set(E)],
  ...[...bytes(A, 3), ...F64_LOAD, ...F64X2_SPLAT, ...tee(HIGH), ...set(LOW)],
  ...[...get(A), ...i32(1), I32_ADD, ...set(I)],
  ...BLOCK,
  ...LOOP,
  ...[...get(I), ...get(E), I32_GE_S, ...brIf(1)],
  ...[...bytes(I, 3), ...V128_LOAD, ...widen()],
  ...[...get(I), ...i32(2), I32_ADD, ...set(I)],
  ...br(0),
  ...END,
  ...END,
  ...[...get(I), ...get(E), I32_EQ, ...IF],
  ...[...bytes(I, 3), ...F64_LOAD, ...F64X2_SPLAT, ...widen()],
  ...END,
  ...[...bytes(Q, 4), ...pick(HIGH, F64_GT), ...f64Store(ANSWERS_AT)],
  ...[...bytes(Q, 4), ...pick(LOW, F64_LT), ...f64Store(ANSWERS_AT + 8)],
  ...[...get(Q), ...i32(1), I32_ADD, ...set(Q)],
  ...br(0),
  ...END,
  ...END,
  ...END,
];

/**
 * The module: one memory (the layout above) and `ranges`, exported as "memory" and "ranges".
 *
 * @example
 * new WebAssembly.Module(rangesModuleBytes()) // 277 bytes
 */
export function rangesModuleBytes(): Uint8Array {
  const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
  const I32_TYPE = 0x7f;
  const V128_TYPE = 0x7b;
  const code = [2, 4, I32_TYPE, 3, V128_TYPE, ...rangesBody()];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, I32_TYPE, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, ...leb(PAGES)]),
    ...section(7, [2, ...name("memory"), 2, 0, ...name("ranges"), 0, 0]),
    ...section(10, [1, ...leb(code.length), ...code]),
  ]);
}
