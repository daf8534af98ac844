// mapLimit keeps order, never runs more than the limit at once, and starts nothing after a failure.

import { describe, expect, it } from "vitest";
import { mapLimit } from "./map-limit";

describe("mapLimit", () => {
  it("keeps input order with at most `limit` calls in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const result = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });

  it("answers an empty list with an empty list and passes a failure on", async () => {
    expect(await mapLimit([], 3, async () => 1)).toEqual([]);
    await expect(
      mapLimit([1, 2], 1, async (n) => {
        if (n === 2) throw new Error("no");
        return n;
      }),
    ).rejects.toThrow("no");
  });

  it("starts no call after one fails, and lets those started finish", async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const mapped = mapLimit([0, 1, 2, 3, 4, 5], 3, async (n) => {
      started.push(n);
      if (n === 0) throw new Error("throttled");
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished.push(n);
      return n;
    });
    await expect(mapped).rejects.toThrow("throttled");
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Before: 0 to 5 started, the other two workers taking 3, 4 and 5 after the failure.
    expect(started).toEqual([0, 1, 2]);
    expect(finished).toEqual([1, 2]);
  });
});
