// readAhead reads the next value while the caller works on this one, holds no more than two, and throws a
// failed read where its value would have come.

import { describe, expect, it } from "vitest";
import { readAhead } from "./read-ahead";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Chunks 0 to count-1, each read taking a tick; `events` says when each read starts and ends. */
async function* chunks(count: number, events: string[], failAt = -1): AsyncGenerator<number> {
  for (let chunk = 0; chunk < count; chunk++) {
    events.push(`read ${chunk}`);
    await tick();
    if (chunk === failAt) throw new Error(`chunk ${chunk} unreadable`);
    events.push(`read ${chunk} done`);
    yield chunk;
  }
}

/** The rejections left unhandled while `run` ran and a few ticks after. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const seen = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", seen);
  try {
    await run();
    for (let i = 0; i < 4; i++) await tick();
  } finally {
    process.off("unhandledRejection", seen);
  }
  return unhandled;
}

describe("readAhead", () => {
  it("reads the next chunk while this one is worked, never a third", async () => {
    const events: string[] = [];
    for await (const chunk of readAhead(chunks(3, events))) {
      events.push(`work ${chunk}`);
      await tick();
      await tick();
      events.push(`work ${chunk} done`);
    }
    expect(events).toEqual([
      "read 0",
      "read 0 done",
      "read 1",
      "work 0",
      "read 1 done",
      "work 0 done",
      // Chunk 2 is read only once chunk 1 is taken: chunks 0 and 1 were the two held.
      "read 2",
      "work 1",
      "read 2 done",
      "work 1 done",
      "work 2",
      "work 2 done",
    ]);
  });

  it("throws a failed read once the chunk before is worked, with no unhandled rejection", async () => {
    const events: string[] = [];
    const unhandled: unknown[] = [];
    const seen = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", seen);
    try {
      const run = (async () => {
        for await (const chunk of readAhead(chunks(3, events, 1))) {
          events.push(`work ${chunk}`);
          await tick();
          await tick();
          events.push(`work ${chunk} done`);
        }
      })();
      await expect(run).rejects.toThrow("chunk 1 unreadable");
      await tick();
    } finally {
      process.off("unhandledRejection", seen);
    }
    expect(events).toEqual(["read 0", "read 0 done", "read 1", "work 0", "work 0 done"]);
    expect(unhandled).toEqual([]);
  });

  it("drops a read in flight that fails after the caller stopped early, with no unhandled rejection", async () => {
    const events: string[] = [];
    const unhandled = await unhandledDuring(async () => {
      for await (const chunk of readAhead(chunks(5, events, 2))) if (chunk === 1) break;
    });
    // Chunk 2 was being read when the caller stopped, and failed: a value it never asked for.
    expect(events).toEqual(["read 0", "read 0 done", "read 1", "read 1 done", "read 2"]);
    expect(unhandled).toEqual([]);
  });

  it("throws the caller's own failure, not that of the read in flight, with no unhandled rejection", async () => {
    const events: string[] = [];
    let thrown: unknown;
    const unhandled = await unhandledDuring(async () => {
      try {
        for await (const chunk of readAhead(chunks(5, events, 2))) {
          await tick();
          if (chunk === 1) throw new Error("work 1 failed");
        }
      } catch (error) {
        thrown = error;
      }
    });
    expect(thrown).toEqual(new Error("work 1 failed"));
    expect(events).toEqual(["read 0", "read 0 done", "read 1", "read 1 done", "read 2"]);
    expect(unhandled).toEqual([]);
  });

  it("ends the source when the caller stops early", async () => {
    const events: string[] = [];
    for await (const chunk of readAhead(chunks(5, events))) if (chunk === 1) break;
    // Chunk 2 was being read when the caller stopped; nothing after it.
    expect(events).toEqual(["read 0", "read 0 done", "read 1", "read 1 done", "read 2", "read 2 done"]);
  });
});
