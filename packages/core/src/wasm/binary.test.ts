import { describe, expect, it } from "vitest";
import {
  END,
  F64X2_ADD,
  F64X2_SPLAT,
  f64Load,
  f64Store,
  f64x2ExtractLane,
  get,
  I32_ADD,
  i32Const,
  leb,
  moduleBytes,
  set,
  v128Load,
  v128Store,
} from "./binary";
import { instantiate } from "./instance";

describe("the binary format's integers", () => {
  it("writes unsigned LEB128 seven bits a byte, low bits first", () => {
    expect(leb(0)).toEqual([0]);
    expect(leb(127)).toEqual([0x7f]);
    expect(leb(128)).toEqual([0x80, 0x01]);
    expect(leb(65_536)).toEqual([0x80, 0x80, 0x04]);
  });

  it("writes i32.const's operand signed, so 64 and up keep their sign bit clear", () => {
    expect(i32Const(63)).toEqual([0x41, [0x3f]]);
    expect(i32Const(64)).toEqual([0x41, [0xc0, 0x00]]);
    expect(i32Const(8192)).toEqual([0x41, [0x80, 0xc0, 0x00]]);
  });
});

/**
 * A module whose `put(value)` stores value + 64 at byte 0, and whose `twice(at)` stores the f64 pair at `at`
 * added to itself at byte 16 and the pair's first value again at byte 32 (by a splat's lane 1).
 */
const testModule = () =>
  moduleBytes(1, [
    {
      name: "put",
      params: 1,
      i32Locals: 0,
      v128Locals: 0,
      body: [i32Const(0), get(0), i32Const(64), I32_ADD, 0xb7 /* f64.convert_i32_s */, f64Store(0), END],
    },
    {
      name: "twice",
      params: 1,
      i32Locals: 1,
      v128Locals: 1,
      body: [
        [get(0), set(1)], // local 1 is an i32, local 2 a v128
        [get(1), v128Load(0), set(2)],
        [i32Const(0), get(2), get(2), F64X2_ADD, v128Store(16)],
        [i32Const(0), get(1), f64Load(0), F64X2_SPLAT, f64x2ExtractLane(1), f64Store(32)],
        END,
      ],
    },
  ]);

describe("a module of exported functions over one memory", () => {
  it("is a valid module whose functions run, with their parameters and locals where they were declared", () => {
    const instance = instantiate(testModule);
    expect(instance).toBeDefined();
    if (instance === undefined) return;
    const memory = new Float64Array(instance.memory);
    (instance.exports.put as (value: number) => void)(100);
    expect(memory[0]).toBe(164);
    memory[6] = 1.5;
    memory[7] = -2.25;
    (instance.exports.twice as (at: number) => void)(48);
    expect([memory[2], memory[3], memory[4]]).toEqual([3, -4.5, 1.5]);
    expect(instance.memory.byteLength).toBe(65_536);
  });

  it("is refused whole when a body is malformed: instantiate gives undefined, so callers use their loops", () => {
    const broken = () =>
      moduleBytes(1, [{ name: "f", params: 0, i32Locals: 0, v128Locals: 0, body: [get(3), END] }]);
    expect(instantiate(broken)).toBeUndefined();
  });
});
