import { describe, expect, it } from "vitest";
import { fiveExtremumPatterns } from "./five";

describe("five-extremum rules at their boundaries", () => {
  it("HS: shoulders exactly 1.5% from their mean pass, a hair more fails", () => {
    expect(fiveExtremumPatterns([985, 900, 1100, 900, 1015], true)).toContain("HS");
    expect(fiveExtremumPatterns([984.9, 900, 1100, 900, 1015.1], true)).not.toContain("HS");
  });

  it("HS: troughs exactly 1.5% from their mean pass, a hair more fails", () => {
    expect(fiveExtremumPatterns([1000, 985, 1100, 1015, 1000], true)).toContain("HS");
    expect(fiveExtremumPatterns([1000, 984.9, 1100, 1015.1, 1000], true)).not.toContain("HS");
  });

  it("HS: a head equal to a shoulder is no head", () => {
    expect(fiveExtremumPatterns([1000, 900, 1000, 900, 990], true)).not.toContain("HS");
  });

  it("IHS mirrors HS", () => {
    expect(fiveExtremumPatterns([985, 1100, 900, 1100, 1015], false)).toContain("IHS");
    expect(fiveExtremumPatterns([984.9, 1100, 900, 1100, 1015.1], false)).not.toContain("IHS");
    expect(fiveExtremumPatterns([1000, 1100, 1000, 1100, 990], false)).not.toContain("IHS");
  });

  it("BTOP and TTOP need strict orderings: equal prices fail", () => {
    expect(fiveExtremumPatterns([100, 95, 101, 94, 102], true)).toContain("BTOP");
    expect(fiveExtremumPatterns([100, 95, 100, 94, 102], true)).not.toContain("BTOP");
    expect(fiveExtremumPatterns([100, 95, 101, 95, 102], true)).not.toContain("BTOP");
    expect(fiveExtremumPatterns([102, 94, 101, 95, 100], true)).toContain("TTOP");
    expect(fiveExtremumPatterns([102, 94, 101, 94, 100], true)).not.toContain("TTOP");
  });

  it("BBOT and TBOT are the minimum-first orderings", () => {
    expect(fiveExtremumPatterns([100, 105, 99, 106, 98], false)).toContain("BBOT");
    expect(fiveExtremumPatterns([98, 106, 99, 105, 100], false)).toContain("TBOT");
    expect(fiveExtremumPatterns([98, 106, 99, 106, 100], false)).not.toContain("TBOT");
  });

  it("RTOP: tops exactly 0.75% from their mean pass; lowest top must exceed highest bottom", () => {
    expect(fiveExtremumPatterns([992.5, 900, 1000, 900, 1007.5], true)).toContain("RTOP");
    expect(fiveExtremumPatterns([992.4, 900, 1000, 900, 1007.6], true)).not.toContain("RTOP");
    expect(fiveExtremumPatterns([100, 100, 100, 100, 100], true)).not.toContain("RTOP");
  });

  it("RBOT: the same rule with bottoms first", () => {
    expect(fiveExtremumPatterns([900, 1000, 900, 1000, 900], false)).toContain("RBOT");
    expect(fiveExtremumPatterns([900, 1000, 900, 1016, 900], false)).not.toContain("RBOT");
  });

  it("ATRI: last bottom exactly 1.5% above the first passes; bottoms must rise strictly", () => {
    expect(fiveExtremumPatterns([1000, 900, 1000, 913.5, 1000], true)).toContain("ATRI");
    expect(fiveExtremumPatterns([1000, 900, 1000, 913.4, 1000], true)).not.toContain("ATRI");
    expect(fiveExtremumPatterns([900, 1000, 910, 1000, 905], false)).not.toContain("ATRI");
    expect(fiveExtremumPatterns([900, 1000, 910, 1000, 920], false)).toContain("ATRI");
  });

  it("DTRI: last top exactly 1.5% below the first passes; tops must fall strictly", () => {
    expect(fiveExtremumPatterns([1000, 900, 990, 900, 985], true)).toContain("DTRI");
    expect(fiveExtremumPatterns([1000, 900, 990, 900, 985.1], true)).not.toContain("DTRI");
    expect(fiveExtremumPatterns([1000, 900, 1000, 900, 980], true)).not.toContain("DTRI");
  });

  it("reports several codes for one group, in the order of PATTERNS.md", () => {
    // Falling tops and rising bottoms that are also flat-topped and rise 1.5%: a triangle both ways.
    expect(fiveExtremumPatterns([900, 1001, 905, 1000, 915], false)).toEqual(["TBOT", "ATRI"]);
    expect(fiveExtremumPatterns([900, 1000, 905, 1000, 915], false)).toEqual(["ATRI"]);
    // A barely higher middle top over level shoulders is also a head-and-shoulders.
    expect(fiveExtremumPatterns([1000, 900, 1001, 914, 1000.5], true)).toEqual(["HS", "ATRI"]);
  });
});
