// DETECTION_BARS_REACH bounds how far back a detection's bars begin, on the bundled S&P 500 series.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBarsCsv } from "../bars";
import { scanBars } from "../engine/scan";
import { WINDOW } from "../engine/spec";
import { DETECTION_BARS_REACH, LEAD_BARS } from "./detection-bars";

describe("DETECTION_BARS_REACH", () => {
  it("is at least how many bars before its detectedAt each detection's kept bars begin", () => {
    const bars = parseBarsCsv(
      readFileSync(new URL("../../../../data/sp500-2000.csv", import.meta.url), "utf8"),
    );
    const index = new Map(bars.map((bar, i) => [bar.time, i]));
    const reaches = scanBars(bars).map((detection) => {
      const start = index.get(detection.start) as number;
      const known = index.get(detection.detectedAt) as number;
      // The first extremum lies in the detection's window.
      expect(known - start).toBeLessThanOrEqual(WINDOW - 1);
      return known - Math.max(0, start - LEAD_BARS);
    });
    expect(reaches.length).toBeGreaterThan(500);
    expect(Math.max(...reaches)).toBeLessThanOrEqual(DETECTION_BARS_REACH);
  });
});
