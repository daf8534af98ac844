// mapLimit keeps order and never runs more than the limit at once.

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
});
