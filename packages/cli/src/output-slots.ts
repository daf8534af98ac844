// The memory a thread writes its output lines into, given back by the thread that prints them once they are
// written: fresh memory for every file's lines (a new chunk, or one transferred to the main thread and freed
// only at its rare collections) was slow to touch here, and a worker copied its lines into shared memory.

import type { FileResult } from "./commands/scan/scan-file";

/** Slots a thread keeps: results printed are freed at once, so a few are in use at a time. */
const SLOTS = 16;
/** A slot's first size: a 5,000-bar file's lines take about 320 KB. */
const SLOT_BYTES = 1 << 20;

const FREE = 0;
const HELD = 1;

/** The slots a result's lines are in, and the slots' states, shared with the thread that prints them. */
export interface HeldSlots {
  slots: number[];
  states: Int32Array;
}

/**
 * A thread's output slots, shared memory that crosses to the main thread without a copy: `take` hands
 * out a free one to write lines into, `heldFor` says which the result just made holds, and `freeSlots`
 * (in the thread that prints it) gives them back once the lines are written.
 *
 * @example
 * const out = slots.take(size); // lines written into out, then the result made
 * const held = slots.heldFor(result); // posted with the result (shared, not copied), printed, then:
 * if (held) freeSlots(held);
 */
export class OutputSlots {
  private readonly states = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  private readonly memory: Buffer[] = [];
  private taken: number[] = [];

  /**
   * A free slot's memory (at least `size` bytes), held until freed; when every slot is held, fresh shared
   * memory of its own, which crosses to the printing thread as a slot does and is collected once dropped.
   * Not memory handed over by transfer: a transfer detaches the buffer, and one detached buffer costs its
   * thread V8's faster typed-array code for good (its ArrayBufferDetaching protector, which our scan's code
   * relies on throughout: ~10-20% slower scans after it).
   */
  take(size: number): Buffer {
    for (let slot = 0; slot < SLOTS; slot++) {
      if (Atomics.load(this.states, slot) !== FREE) continue;
      let memory = this.memory[slot];
      if (memory === undefined || memory.length < size) {
        const bytes = Math.max(SLOT_BYTES, size, 2 * (memory?.length ?? 0));
        memory = Buffer.from(new SharedArrayBuffer(bytes));
        this.memory[slot] = memory;
      }
      Atomics.store(this.states, slot, HELD);
      this.taken.push(slot);
      return memory;
    }
    return Buffer.from(new SharedArrayBuffer(Math.max(SLOT_BYTES, size)));
  }

  /** Gives back at once memory `take` gave that holds no lines to print. */
  giveBack(memory: Uint8Array): void {
    const slot = this.memory.indexOf(memory as Buffer);
    if (slot === -1) return;
    Atomics.store(this.states, slot, FREE);
    this.taken = this.taken.filter((taken) => taken !== slot);
  }

  /** The slots taken since the last call: those the result just made holds (undefined: none). */
  held(): HeldSlots | undefined {
    if (this.taken.length === 0) return undefined;
    const slots = this.taken;
    this.taken = [];
    return { slots, states: this.states };
  }

  /**
   * The slots `result`, just made, holds for the thread that prints it: none when it prints no lines (a
   * file that failed or was declined), whose slots are then free at once.
   *
   * @example
   * const held = THREAD_SLOTS.heldFor(result); // freeSlots(held) once its lines are printed
   */
  heldFor(result: FileResult): HeldSlots | undefined {
    const held = this.held();
    if (held === undefined || "series" in result) return held;
    freeSlots(held);
    return undefined;
  }
}

/** Gives slots back to the thread that wrote into them, once the bytes they held are written. */
export function freeSlots({ states, slots }: HeldSlots): void {
  for (const slot of slots) Atomics.store(states, slot, FREE);
}

/** This thread's output slots: the lines of every series it scans are written into them (LineChunks). */
export const THREAD_SLOTS = new OutputSlots();
