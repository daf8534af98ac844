// gathered() reuses one list's memory from call to call: each result must be an array of its own, holding
// exactly what its call pushed, whatever came before or around it (a longer call, a nested one, a throw).
import { describe, expect, it } from "vitest";
import { gathered } from "./kept-list";

const pushAll = (items: number[]) =>
  gathered<number>((list) => {
    for (const item of items) list.push(item);
  });

describe("gathered", () => {
  it("returns exactly what each call pushed, in order, after a longer call used the list", () => {
    const long = pushAll([1, 2, 3, 4, 5]);
    const short = pushAll([7, 8]);
    expect(long).toEqual([1, 2, 3, 4, 5]);
    expect(short).toEqual([7, 8]);
    expect(pushAll([])).toEqual([]);
  });

  it("gives a call inside another a list of its own", () => {
    let inner: number[] = [];
    const outer = gathered<number>((list) => {
      list.push(1);
      inner = pushAll([9]);
      list.push(2);
    });
    expect({ outer, inner }).toEqual({ outer: [1, 2], inner: [9] });
  });

  it("starts empty again after a call that threw", () => {
    expect(() =>
      gathered<number>((list) => {
        list.push(1);
        throw new Error("bad bar");
      }),
    ).toThrow("bad bar");
    expect(pushAll([3])).toEqual([3]);
  });
});
