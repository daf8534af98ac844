// A worker's output lines handed to the main thread in shared memory that both reuse, file after file:
// a fresh chunk per file, transferred, stayed alive until the main thread's rare collections, so the
// worker's next chunks were fresh pages again (touching fresh memory is the slow part on these machines).

/** Slots a worker keeps: results printed are freed at once, so a few are in use at a time. */
const SLOTS = 16;
/** A slot's first size: a 5,000-bar file's lines take about 320 KB. */
const SLOT_BYTES = 1 << 20;

const FREE = 0;
const HELD = 1;

/** Which slot holds a result's bytes, and the slots' states, shared with the thread that prints them. */
export interface HeldSlot {
  slot: number;
  states: Int32Array;
}

/**
 * A worker's output slots: `place` copies a result's lines into a free one, `freeSlot` (in the main
 * thread) gives it back once they are printed.
 *
 * @example
 * const held = slots.place([first.text, second.text]); // each series' text now one view of shared memory
 * // posted (shared, not copied), printed, then in the main thread:
 * freeSlot(held);
 */
export class OutputSlots {
  private readonly states = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  private readonly memory: Uint8Array[] = [];

  /**
   * Copies each text's chunks into one free slot and returns the slot with each text's bytes as one
   * view of it, or undefined when every slot is held (send the chunks themselves).
   */
  place(texts: readonly (readonly Uint8Array[])[]): { held: HeldSlot; texts: Uint8Array[] } | undefined {
    let size = 0;
    for (const chunks of texts) for (const chunk of chunks) size += chunk.length;
    let slot = 0;
    while (slot < SLOTS && Atomics.load(this.states, slot) !== FREE) slot++;
    if (slot === SLOTS) return undefined;
    let memory = this.memory[slot];
    if (memory === undefined || memory.length < size) {
      memory = new Uint8Array(new SharedArrayBuffer(Math.max(SLOT_BYTES, size, 2 * (memory?.length ?? 0))));
      this.memory[slot] = memory;
    }
    let at = 0;
    const views = texts.map((chunks) => {
      const from = at;
      for (const chunk of chunks) {
        memory.set(chunk, at);
        at += chunk.length;
      }
      return memory.subarray(from, at);
    });
    Atomics.store(this.states, slot, HELD);
    return { held: { slot, states: this.states }, texts: views };
  }
}

/** Gives a slot back to its worker, once the bytes it held are written. */
export function freeSlot({ states, slot }: HeldSlot): void {
  Atomics.store(states, slot, FREE);
}
