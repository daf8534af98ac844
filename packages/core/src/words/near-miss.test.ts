import { describe, expect, it } from "vitest";
import { didYouMean, nearMiss, nearMisses } from "./near-miss";

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

  it("names every name as near as the nearest, picking none over the others", () => {
    expect(nearMisses("TOP", ["HS", "BTOP", "TTOP", "RTOP", "DTOP"])).toEqual([
      "BTOP",
      "TTOP",
      "RTOP",
      "DTOP",
    ]);
    expect(nearMiss("TOP", ["HS", "BTOP", "TTOP"])).toBeUndefined();
    // A name the same but for case is nearer than any one edit away.
    expect(nearMisses("hs", ["HS", "IHS"])).toEqual(["HS"]);
    expect(didYouMean(nearMisses("BOT", ["BBOT", "TBOT", "IHS"]))).toBe(" (did you mean BBOT or TBOT?)");
    expect(didYouMean([])).toBe("");
  });
});
