import { describe, expect, it } from "vitest";
import { ShardProgress } from "./shard-progress";

describe("a shard's progress over lanes that finish out of order", () => {
  it("answers a checkpoint only when the run processed from the start grows, and then its last record", () => {
    const progress = new ShardProgress();
    for (const sequenceNumber of ["1", "2", "3", "4", "5"]) progress.read(sequenceNumber);
    expect(progress.processed(["2", "4"])).toBeUndefined();
    expect(progress.processed(["1"])).toBe("2");
    expect(progress.processed(["5"])).toBeUndefined();
    expect(progress.processed(["3"])).toBe("5");
  });

  it("keeps going past what it has let go of, and starts over once cleared", () => {
    const progress = new ShardProgress();
    for (let n = 1; n <= 1000; n++) progress.read(String(n));
    for (let n = 1; n <= 999; n++) expect(progress.processed([String(n)])).toBe(String(n));
    progress.read("1001");
    expect(progress.processed(["1001"])).toBeUndefined();
    expect(progress.processed(["1000"])).toBe("1001");
    progress.read("1002");
    progress.processed(["1003"]);
    progress.clear();
    progress.read("1004");
    expect(progress.processed(["1004"])).toBe("1004");
  });
});
