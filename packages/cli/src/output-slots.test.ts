import { describe, expect, it } from "vitest";
import { freeSlot, OutputSlots } from "./output-slots";

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const text = (view: Uint8Array | undefined) => Buffer.from(view ?? []).toString();

describe("OutputSlots", () => {
  it("copies each text's chunks into one slot of shared memory, a view per text", () => {
    const placed = new OutputSlots().place([[bytes("a\n"), bytes("b\n")], [bytes("c\n")]]);
    expect(placed?.texts.map(text)).toEqual(["a\nb\n", "c\n"]);
    expect(placed?.texts[0]?.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(placed?.texts[1]?.buffer).toBe(placed?.texts[0]?.buffer);
  });

  it("reuses a slot once freed, and another while it is held", () => {
    const slots = new OutputSlots();
    const first = slots.place([[bytes("first\n")]]);
    const second = slots.place([[bytes("second\n")]]);
    expect(second?.held.slot).not.toBe(first?.held.slot);
    expect(second?.texts[0]?.buffer).not.toBe(first?.texts[0]?.buffer);
    if (first) freeSlot(first.held);
    const third = slots.place([[bytes("third\n")]]);
    expect(third?.held.slot).toBe(first?.held.slot);
    expect(third?.texts[0]?.buffer).toBe(first?.texts[0]?.buffer);
    expect(text(third?.texts[0])).toBe("third\n");
  });

  it("grows a slot for a result larger than it", () => {
    const slots = new OutputSlots();
    const small = slots.place([[bytes("x\n")]]);
    if (small) freeSlot(small.held);
    const big = new Uint8Array(3 << 20).fill(0x41);
    const placed = slots.place([[big, bytes("\n")]]);
    expect(placed?.held.slot).toBe(small?.held.slot);
    expect(placed?.texts[0]?.length).toBe(big.length + 1);
    expect(placed?.texts[0]?.[big.length]).toBe(0x0a);
  });

  it("places nothing when every slot is held (the chunks are sent themselves)", () => {
    const slots = new OutputSlots();
    const held = [];
    for (let placed = slots.place([[bytes("x\n")]]); placed; placed = slots.place([[bytes("x\n")]]))
      held.push(placed);
    expect(held.length).toBeGreaterThan(1);
    expect(slots.place([[bytes("y\n")]])).toBeUndefined();
    // biome-ignore lint/style/noNonNullAssertion: more than one held.
    freeSlot(held[0]!.held);
    expect(text(slots.place([[bytes("y\n")]])?.texts[0])).toBe("y\n");
  });
});
