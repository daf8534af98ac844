// The WebAssembly binary format as far as core's small SIMD modules use it (outcomes' ranges, the engine's
// convolve): instructions as nested arrays of bytes, and a module of exported functions over one memory.
// Core's modules are written here in named instructions, not compiled from another language: core is
// consumed as TypeScript source, without a build step of its own (the CLI's AssemblyScript reader has one).

/**
 * Instructions as nested arrays of bytes, flattened once (flat): a module is built in a process's first
 * scan, by code not yet optimized, where spreading every instruction into a new array took ~1.5 ms.
 */
export type Code = number | Code[];

/** The bytes of `code`, in order. */
const flat = (code: Code): number[] => [code].flat(Number.POSITIVE_INFINITY as 1) as number[];

/** Unsigned LEB128: the format's sizes, indices, offsets and opcodes after a prefix. */
export function leb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128 of a non-negative value: i32.const's operand (64 needs two bytes: 0x40 alone reads as -64). */
function signedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const low = rest & 0x7f;
    rest >>>= 7;
    if (rest === 0 && (low & 0x40) === 0) {
      out.push(low);
      return out;
    }
    out.push(low | 0x80);
  }
}

// Instructions, by the binary format's opcodes (WebAssembly core specification 2.0, SIMD included).
export const get = (local: number): Code => [0x20, local];
export const set = (local: number): Code => [0x21, local];
export const tee = (local: number): Code => [0x22, local];
/** i32.const of a non-negative value. */
export const i32Const = (value: number): Code => [0x41, signedLeb(value)];
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_SHL = 0x74;
export const I32_EQ = 0x46;
export const I32_LT_S = 0x48;
export const I32_GT_S = 0x4a;
export const I32_GE_S = 0x4e;
export const F64_LT = 0x63;
export const F64_GT = 0x64;
export const SELECT = 0x1b;
// Memory access with the alignment hint each address here meets: 4 bytes for i32, 8 for f64 and v128 (a
// v128 address is a multiple of 8, not always of 16).
export const i32Load = (offset: number): Code => [0x28, 2, leb(offset)];
export const f64Load = (offset: number): Code => [0x2b, 3, leb(offset)];
export const f64Store = (offset: number): Code => [0x39, 3, leb(offset)];
export const BLOCK: Code = [0x02, 0x40];
export const LOOP: Code = [0x03, 0x40];
export const IF: Code = [0x04, 0x40];
export const END = 0x0b;
export const br = (depth: number): Code => [0x0c, depth];
export const brIf = (depth: number): Code => [0x0d, depth];
/** A SIMD instruction: the 0xfd prefix, its opcode, its immediates. */
const simd = (op: number, immediates: Code = []): Code => [0xfd, leb(op), immediates];
export const v128Load = (offset: number): Code => simd(0x00, [3, leb(offset)]);
export const v128Store = (offset: number): Code => simd(0x0b, [3, leb(offset)]);
export const F64X2_SPLAT = simd(0x14);
export const f64x2ExtractLane = (lane: number): Code => simd(0x21, [lane]);
export const f64x2ReplaceLane = (lane: number): Code => simd(0x22, [lane]);
export const F64X2_ADD = simd(0xf0);
export const F64X2_MUL = simd(0xf2);
export const F64X2_PMIN = simd(0xf6);
export const F64X2_PMAX = simd(0xf7);

/** A function the module exports: its i32 parameters, then its locals (i32 ones, then v128 ones). */
export interface ExportedFunction {
  name: string;
  params: number;
  i32Locals: number;
  v128Locals: number;
  /** The instructions, ending with END. */
  body: Code;
}

const I32_TYPE = 0x7f;
const V128_TYPE = 0x7b;

/**
 * A module of one memory of `pages` 64 KiB pages, exported as "memory", and `functions`, exported under
 * their names; none returns a value.
 *
 * @example
 * new WebAssembly.Module(moduleBytes(1, [{ name: "f", params: 0, i32Locals: 0, v128Locals: 0, body: [END] }]))
 */
export function moduleBytes(pages: number, functions: readonly ExportedFunction[]): Uint8Array {
  const vector = (items: Code[]): Code => [leb(items.length), items];
  const section = (id: number, items: Code[]): Code => {
    const bytes = flat(vector(items));
    return [id, leb(bytes.length), bytes];
  };
  const name = (text: string): Code => [leb(text.length), Array.from(text, (c) => c.charCodeAt(0))];
  const sized = (code: Code): Code => {
    const bytes = flat(code);
    return [leb(bytes.length), bytes];
  };
  return new Uint8Array(
    flat([
      [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      section(
        1,
        functions.map((f) => [0x60, leb(f.params), new Array<number>(f.params).fill(I32_TYPE), 0]),
      ),
      section(
        3,
        functions.map((_, index) => leb(index)),
      ),
      section(5, [[0, leb(pages)]]),
      section(7, [
        [name("memory"), 2, 0],
        ...functions.map((f, index): Code => [name(f.name), 0, leb(index)]),
      ]),
      section(
        10,
        functions.map((f) => sized([2, leb(f.i32Locals), I32_TYPE, leb(f.v128Locals), V128_TYPE, f.body])),
      ),
    ]),
  );
}
