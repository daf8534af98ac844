// detectionOrder gives back the order a scan builds its detections in.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBarsCsv } from "../bars";
import { scanBars } from "../engine/scan";
import { detectionOrder } from "./order";

describe("detectionOrder", () => {
  it("sorts a scan's detections, reversed, back into the scan's order", () => {
    const bars = parseBarsCsv(
      readFileSync(new URL("../../../../data/sp500-2000.csv", import.meta.url), "utf8"),
    );
    const scanned = scanBars(bars.slice(0, 1500));
    const key = (d: { pattern: string; detectedAt: string }) => `${d.detectedAt} ${d.pattern}`;
    // Bars with more than one code, where an order by code name (DTRI before IHS) would differ.
    expect(new Set(scanned.map((d) => d.detectedAt)).size).toBeLessThan(scanned.length);
    expect([...scanned].reverse().sort(detectionOrder).map(key)).toEqual(scanned.map(key));
  });
});
