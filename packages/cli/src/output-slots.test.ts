import { describe, expect, it } from "vitest";
import { freeSlots, OutputSlots } from "./output-slots";

describe("OutputSlots", () => {
  it("hands out shared memory, and says which slots the result made since the last call holds", () => {
    const slots = new OutputSlots();
    expect(slots.held()).toBeUndefined();
    const first = slots.take(10);
    const second = slots.take(10);
    expect(first.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(second.buffer === first.buffer).toBe(false);
    expect(slots.held()?.slots).toEqual([0, 1]);
    slots.take(10);
    expect(slots.held()?.slots).toEqual([2]);
    expect(slots.held()).toBeUndefined();
  });

  it("reuses a slot's memory once freed, and another while it is held", () => {
    const slots = new OutputSlots();
    const first = slots.take(10);
    const held = slots.held();
    // Compared by identity (a comparison of their bytes would take long).
    expect(slots.take(10) === first).toBe(false);
    if (held) freeSlots(held);
    expect(slots.take(10) === first).toBe(true);
  });

  it("holds a result's slots while its lines wait to be printed, and frees at once those of a result that prints none", () => {
    const slots = new OutputSlots();
    const first = slots.take(10);
    expect(slots.heldFor({ series: [] })?.slots).toEqual([0]);
    expect(slots.take(10) === first).toBe(false);
    expect(slots.heldFor({ error: "spx.csv: no such file" })).toBeUndefined();
    // Slot 1, freed with the failed result, is the first free one again.
    const again = slots.take(10);
    expect(slots.heldFor({ declined: true })).toBeUndefined();
    expect(slots.take(10) === again).toBe(true);
  });

  it("grows a slot for more bytes than it has", () => {
    const slots = new OutputSlots();
    const small = slots.take(10);
    slots.giveBack(small);
    expect(slots.held()).toBeUndefined();
    const big = slots.take(3 << 20);
    expect(big.length).toBeGreaterThanOrEqual(3 << 20);
    expect(slots.held()?.slots).toEqual([0]);
  });

  it("gives shared memory of its own, not a slot's, when every slot is held (never memory to transfer)", () => {
    const slots = new OutputSlots();
    const taken: Buffer[] = [];
    for (let i = 0; i < 64; i++) taken.push(slots.take(10));
    const held = slots.held();
    // Every buffer is shared, so a worker posts none of them by transfer (which would detach it).
    expect(taken.every((memory) => memory.buffer instanceof SharedArrayBuffer)).toBe(true);
    expect(new Set(taken.map((memory) => memory.buffer)).size).toBe(taken.length);
    const slotCount = held?.slots.length ?? 0;
    expect(slotCount).toBeGreaterThan(1);
    expect(slotCount).toBeLessThan(taken.length);
    // Not a slot: giving it back changes nothing, and it is not listed as held.
    const own = taken[taken.length - 1] as Buffer;
    slots.giveBack(own);
    expect(slots.take(10) === own).toBe(false);
    expect(slots.held()).toBeUndefined();
    if (held) freeSlots({ ...held, slots: held.slots.slice(0, 1) });
    expect(slots.take(10) === taken[0]).toBe(true);
  });
});
