import { describe, expect, it } from "vitest";
import { clockOffset, NOTICED_SKEW_MS } from "./serverClock";

const at = (iso: string) => Date.parse(iso);

describe("clockOffset", () => {
  it("is the server's time less the middle of the round trip", () => {
    expect(
      clockOffset("2026-12-06T10:10:00.000Z", at("2026-12-06T10:00:00.000Z"), at("2026-12-06T10:00:00.200Z")),
    ).toBe(599_900);
    expect(
      clockOffset("2026-12-06T09:55:00.000Z", at("2026-12-06T10:00:00.000Z"), at("2026-12-06T10:00:01.000Z")),
    ).toBe(-300_500);
  });

  it("leaves a skew a round trip cannot tell from the network's delay at 0", () => {
    const sent = at("2026-12-06T10:00:00.000Z");
    expect(clockOffset("2026-12-06T10:00:01.500Z", sent, sent + 200)).toBe(0);
    expect(clockOffset("2026-12-06T09:59:58.101Z", sent, sent)).toBe(0);
    expect(Math.abs(clockOffset("2026-12-06T10:00:02.100Z", sent, sent))).toBeGreaterThanOrEqual(
      NOTICED_SKEW_MS,
    );
  });

  it("is 0 for an answer without a readable time", () => {
    for (const time of [undefined, null, 1_765_000_000_000, "", "soon"])
      expect(clockOffset(time, 0, 10)).toBe(0);
  });
});
