// The stats table's words: a count of one is singular.

import { readFileSync } from "node:fs";
import { evidenceOf, parseBarsCsv, scanOutcomes } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { SPX_FILE } from "../../../test/run";
import { evidenceTable } from "./table";

const bars = parseBarsCsv(readFileSync(SPX_FILE, "utf8"));
const evidence = evidenceOf([{ bars, detections: scanOutcomes(bars) }]);

describe("evidenceTable", () => {
  it("says 1 bar, not 1 bars", () => {
    expect(evidenceTable(evidence, { series: 1, bars: 1, asOf: undefined })).toContain(
      "\n1 series, 1 bar, at the end of the data.",
    );
    expect(evidenceTable(evidence, { series: 2, bars: 2, asOf: "2010-01-01" })).toContain(
      "\n2 series, 2 bars, as of 2010-01-01.",
    );
  });
});
