import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printed } from "../../../test/printed";
import { SPX_FILE } from "../../../test/run";
import { bytesAt } from "../../bars";
import type { CliIo } from "../../io";
import { freeSlots, THREAD_SLOTS } from "../../output-slots";
import { workThroughIo } from "./input-work";
import type { Input } from "./inputs";
import { joinParts, partsOf, scanPart, splittable } from "./parts";
import type { FileResult, ScanSettings } from "./scan-file";
import { scanWork } from "./scan-work";

/** `of` shares of unequal sizes, the first larger (as the main thread's). */
const shares = (of: number) => Array.from({ length: of }, (_, i) => (i === 0 ? 1.3 : 1 + (i % 3) / 10));

/**
 * A scan's result for `input` of `file` (in memory: read where a part lies in those bytes, as the main thread
 * reads a file when its io opens none), with its lines copied out of this thread's output slots, which are
 * then given back, as the printing thread gives them back once it has written a result's lines. Held
 * instead, every scan past the 16th took a fresh MiB of shared memory, page faults and all (350 of the 366
 * that wrote lines): with the scans of all formats in one test, it ran 1.1 to 3.7 s alone at load 5, and
 * past vitest's 5 s under load 9-10.
 */
async function scanned(file: Uint8Array, input: Input, settings: ScanSettings): Promise<FileResult> {
  const io: CliIo = {
    read: async () => file,
    list: async () => undefined,
    stdout: () => true,
    stderr: () => {},
  };
  const result = await workThroughIo(input, scanWork(settings), io);
  const copied: FileResult =
    "series" in result
      ? {
          series: result.series.map((one) => ({
            ...one,
            text: typeof one.text === "string" ? one.text : one.text.map((chunk) => Buffer.from(chunk)),
          })),
        }
      : result;
  const held = THREAD_SLOTS.held();
  if (held) freeSlots(held);
  return copied;
}
const SPX = { file: "spx.csv", symbol: "spx" };
const whole = async (file: Uint8Array, settings: ScanSettings) => printed(await scanned(file, SPX, settings));
async function inParts(file: Uint8Array, settings: ScanSettings, of: number) {
  const results: FileResult[] = [];
  for (const input of partsOf(SPX, shares(of))) results.push(await scanned(file, input, settings));
  return printed(joinParts(results));
}

describe("one long series in parts", () => {
  const formats: ScanSettings[] = [
    { bandwidth: 1, format: "jsonl", screen: {} },
    { bandwidth: 1, format: "csv", screen: { minConfidence: 50 } },
    { bandwidth: 1.5, format: "table", screen: {} },
  ];
  // 200 parts of about 25 bars: shorter than the lead (W - 1 bars), which then reaches over earlier parts.
  for (const settings of formats)
    it(`prints what one scan prints, however many parts: ${settings.format}`, async () => {
      const file = readFileSync(SPX_FILE);
      const once = await whole(file, settings);
      for (const of of [2, 3, 7, 200]) expect(await inParts(file, settings, of)).toEqual(once);
    });

  it("cuts at any line, empty lines and the lead's reach included", async () => {
    const lines = readFileSync(SPX_FILE, "utf8").split("\n");
    // Empty lines every 13 rows: parts lead back over non-empty lines only.
    const text = lines.map((line, i) => (i > 0 && i % 13 === 0 ? `\n${line}` : line)).join("\n");
    const file = Buffer.from(text);
    const settings: ScanSettings = { bandwidth: 1, format: "jsonl", screen: {} };
    const once = await whole(file, settings);
    for (const of of [2, 5, 11]) expect(await inParts(file, settings, of)).toEqual(once);
  });

  it("declines a file the column reader does not take, and a scan that reads past a part", () => {
    const settings: ScanSettings = { bandwidth: 1, format: "jsonl", screen: {} };
    const epoch = Buffer.from("Date,Close\n1577923200.5,1\n1578009600.5,2\n");
    expect(scanPart(bytesAt(epoch), "X", settings, { from: 0, to: 0.5 })).toEqual({ declined: true });
    expect(joinParts([{ series: [] }, { declined: true }])).toBeUndefined();
    expect(splittable(settings)).toBe(true);
    expect(splittable({ ...settings, outcomes: true })).toBe(false);
    expect(splittable({ ...settings, screen: { latest: 5 } })).toBe(false);
    expect(splittable({ ...settings, dateFormat: "YYYY-DD-MM" })).toBe(false);
  });

  it("declines a part of a file read under --date-format, whose cells would otherwise read as ISO 8601", () => {
    // 2000-01-02 is 1 February in YYYY-DD-MM: a part read without the layout took it for 2 January.
    const file = Buffer.from("Date,Close\n2000-01-02,1\n2000-02-02,2\n2000-03-02,3\n");
    const settings: ScanSettings = { bandwidth: 1, format: "jsonl", screen: {} };
    expect(scanPart(bytesAt(file), "X", settings, { from: 0, to: 1 })).not.toEqual({ declined: true });
    expect(
      scanPart(bytesAt(file), "X", { ...settings, dateFormat: "YYYY-DD-MM" }, { from: 0, to: 1 }),
    ).toEqual({
      declined: true,
    });
  });
});
