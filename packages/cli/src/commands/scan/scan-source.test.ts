// A file read a piece at a time (scanSource): its own file, so that the thread's state is fresh (no file
// read yet, every output slot free), as in a process that scans one file.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printed } from "../../../test/printed";
import { SPX_FILE } from "../../../test/run";
import type { ByteSource } from "../../bars";
import { scanSource } from "./scan-columns";
import { type ScanSettings, scanFile } from "./scan-file";

/** A file in memory, read as a file is. */
function inMemory(file: Buffer): ByteSource {
  let at = 0;
  return {
    size: file.length,
    read(into, offset, length) {
      const got = file.copy(into, offset, at, Math.min(file.length, at + length));
      at += got;
      return got;
    },
  };
}

/** `bars` daily rows of Date,Close from 2000-01-01, closes on a wave. */
function waveCsv(bars: number): Buffer {
  const rows = Array.from({ length: bars }, (_, i) => {
    const date = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    return `${date},${(100 + 10 * Math.sin(i / 9)).toFixed(4)}`;
  });
  return Buffer.from(`Date,Close\n${rows.join("\n")}\n`);
}

describe("scanSource", () => {
  it("scans files as scanFile scans them whole, and keeps lines not yet printed as they are", () => {
    // The thread's first file is read into the output slot its lines then go to; the next file must not
    // be read into that memory while it holds lines not printed yet (the first result's, never printed here).
    const settings: ScanSettings = { bandwidth: 1, format: "jsonl", screen: {} };
    const spx = readFileSync(SPX_FILE);
    const wave = waveCsv(3000);
    const first = scanSource(inMemory(spx), { file: "spx.csv", symbol: "spx" }, settings, undefined);
    const firstLines = printed(first);
    const second = scanSource(inMemory(wave), { file: "wave.csv", symbol: "W" }, settings, undefined);
    expect(printed(first)).toEqual(firstLines);
    expect(firstLines).toEqual(
      printed(scanFile(spx, { file: "spx.csv", symbol: "spx" }, settings, undefined)),
    );
    expect(printed(second)).toEqual(
      printed(scanFile(wave, { file: "wave.csv", symbol: "W" }, settings, undefined)),
    );
  });
});
