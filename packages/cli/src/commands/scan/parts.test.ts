import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printed } from "../../../test/printed";
import { SPX_FILE } from "../../../test/run";
import { joinParts, partsOf, scanPart, splittable } from "./parts";
import { type ScanSettings, scanFile } from "./scan-file";

/** `of` shares of unequal sizes, the first larger (as the main thread's). */
const shares = (of: number) => Array.from({ length: of }, (_, i) => (i === 0 ? 1.3 : 1 + (i % 3) / 10));
const whole = (file: Uint8Array, settings: ScanSettings) =>
  printed(scanFile(file, { file: "spx.csv", symbol: "spx" }, settings, undefined));
const inParts = (file: Uint8Array, settings: ScanSettings, of: number) =>
  printed(
    joinParts(
      partsOf({ file: "spx.csv", symbol: "spx" }, shares(of)).map((input) =>
        scanFile(file, input, settings, undefined),
      ),
    ),
  );

describe("one long series in parts", () => {
  it("prints what one scan prints, however many parts, in every format", () => {
    const file = readFileSync(SPX_FILE);
    const formats: ScanSettings[] = [
      { bandwidth: 1, format: "jsonl", screen: {} },
      { bandwidth: 1, format: "csv", screen: { minConfidence: 50 } },
      { bandwidth: 1.5, format: "table", screen: {} },
    ];
    for (const settings of formats)
      for (const of of [2, 3, 7, 200]) expect(inParts(file, settings, of)).toEqual(whole(file, settings));
  });

  it("cuts at any line, empty lines and the lead's reach included", () => {
    const lines = readFileSync(SPX_FILE, "utf8").split("\n");
    // Empty lines every 13 rows: parts lead back over non-empty lines only.
    const text = lines.map((line, i) => (i > 0 && i % 13 === 0 ? `\n${line}` : line)).join("\n");
    const file = Buffer.from(text);
    const settings: ScanSettings = { bandwidth: 1, format: "jsonl", screen: {} };
    for (const of of [2, 5, 11]) expect(inParts(file, settings, of)).toEqual(whole(file, settings));
  });

  it("declines a file the column reader does not take, and a scan that reads past a part", () => {
    const settings: ScanSettings = { bandwidth: 1, format: "jsonl", screen: {} };
    const epoch = Buffer.from("Date,Close\n1577923200,1\n1578009600,2\n");
    expect(scanPart(epoch, "X", settings, { from: 0, to: 0.5 })).toEqual({ declined: true });
    expect(joinParts([{ series: [] }, { declined: true }])).toBeUndefined();
    expect(splittable(settings)).toBe(true);
    expect(splittable({ ...settings, outcomes: true })).toBe(false);
    expect(splittable({ ...settings, screen: { latest: 5 } })).toBe(false);
  });
});
