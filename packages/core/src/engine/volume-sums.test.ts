// scanBars reads volumes and each window's mean volume from the check's running sums when they are exact
// (every volume an integer, the total a safe integer), else from the bars: either way the scores must be
// the ones the streaming detector computes bar by bar, volume by volume.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../test/random-series";
import type { Bar } from "../types";
import { scanBars } from "./scan";
import { StreamingDetector } from "./streaming";

const stream = (bars: Bar[], bandwidth: number) => {
  const detector = new StreamingDetector({ bandwidth });
  return bars.flatMap((bar) => detector.push(bar));
};

/** Volumes of each kind the sums must handle: integers, fractions, a bar without one, past 2^53 in total. */
const volumes = fc.constantFrom("integer", "fraction", "missing", "huge").chain((kind) =>
  fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 300, maxLength: 300 }).map((raw) =>
    raw.map((v, i): number | undefined => {
      if (kind === "fraction") return v / 7;
      if (kind === "missing" && i % 97 === 50) return undefined;
      if (kind === "huge") return v * 2 ** 40;
      return v;
    }),
  ),
);

describe("scanBars' volume sums", () => {
  it("give the scores the stream gives, for every kind of volume", () => {
    fc.assert(
      fc.property(randomSeries, volumes, ({ bars, bandwidth }, vols) => {
        const withVolumes = bars.map((bar, i) => {
          const volume = vols[i];
          return volume === undefined ? bar : { ...bar, volume };
        });
        expect(scanBars(withVolumes, { bandwidth })).toEqual(stream(withVolumes, bandwidth));
      }),
      { numRuns: 150 },
    );
  });
});
