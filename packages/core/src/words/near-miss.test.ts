import { describe, expect, it } from "vitest";
import { nearMiss } from "./near-miss";

describe("nearMiss", () => {
  it("finds the name meant by case, punctuation, one edit, or two neighbours swapped", () => {
    expect(nearMiss("Symbol", ["status", "symbol"])).toBe("symbol");
    expect(nearMiss("status[]", ["status", "symbol"])).toBe("status");
    expect(nearMiss("severty", ["status", "severity"])).toBe("severity");
    expect(nearMiss("scna", ["scan", "stats"])).toBe("scan");
    expect(nearMiss("--min-confidance", ["--min-confidence", "--latest"])).toBe("--min-confidence");
  });

  it("finds none when nothing is that near", () => {
    expect(nearMiss("zzz", ["scan", "stats"])).toBeUndefined();
    expect(nearMiss("", ["scan"])).toBeUndefined();
    expect(nearMiss("cursor", ["status", "severity", "symbol"])).toBeUndefined();
  });
});
