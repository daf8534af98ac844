// Bars written as JSON: an array of bar objects, keyed as a CSV header is, and keys that would be misread
// refused.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plantedBars } from "../../core/test/planted";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { HS_PIVOTS } from "../test/series";
import { csv, inTempDir, run, scanned } from "./command-runs";

describe("patterns scan", () => {
  it("reads a JSON array of bars too", async () => {
    const { status, stdout } = await run(["scan", "-", "--json"], JSON.stringify(plantedBars(HS_PIVOTS)));
    expect(status).toBe(0);
    expect(stdout).toContain('"pattern":"HS"');
    // An object holding the array, or JSON Lines (as --json prints), is named for what it is, not as CSV.
    const bars = plantedBars(HS_PIVOTS);
    const shapes: [file: string, text: string][] = [
      ["object.json", JSON.stringify({ bars })],
      ["lines.json", bars.map((bar) => JSON.stringify(bar)).join("\n")],
    ];
    // The object's key holding them is named.
    const where = { "object.json": ': this object holds its bars under "bars": write that array alone' };
    for (const [file, text] of shapes)
      expect(await run(["scan", file], text), file).toEqual({
        status: 2,
        stdout: "",
        stderr: `patterns: ${file}: row 1: JSON bars must be one array of bar objects ([{"time": ..., "close": ...}, ...]), not an object or JSON Lines${where[file as keyof typeof where] ?? ""}\n`,
      });
    // A file of one JSON null, boolean or string (an API's empty answer saved) is named as it is; read as
    // CSV, null was a header without a Date column.
    for (const [file, text, shown] of [
      ["null.json", "null\n", "null"],
      ["empty.json", ' "" ', '""'],
      ["flag.json", "false", "false"],
    ])
      expect(await run(["scan", file as string], text as string), file).toEqual({
        status: 2,
        stdout: "",
        stderr: `patterns: ${file}: row 1: JSON bars must be one array of bar objects ([{"time": ..., "close": ...}, ...]), not ${shown}\n`,
      });
  });

  it(
    "refuses a JSON bar's key read as a field's name with a character that shows nothing in it, naming the key",
    async () => {
      // "Close\u200b" beside a close was ignored (status 0, its value unread); alone, "row 1: close is
      // missing". Written raw or escaped in the file, it is the same key.
      const bars = (key: string) =>
        `[{"time":"2020-01-02","close":1},{"time":"2020-01-03","close":2,${key}:9}]`;
      const files: [name: string, text: string, key: string][] = [
        ["raw.json", bars('"Close\u200b"'), '"Close\\u200b"'],
        ["escaped.json", bars('"Close\\u200b"'), '"Close\\u200b"'],
        ["inside.json", bars('"Clo\\u00adse"'), '"Clo\\u00adse"'],
      ];
      await inTempDir((dir) => {
        for (const [name, text, key] of files) {
          writeFileSync(join(dir, name), text);
          const read = spawnSync(process.execPath, [bin, "scan", join(dir, name)], { encoding: "utf8" });
          expect({ status: read.status, stdout: read.stdout }, name).toEqual({ status: 2, stdout: "" });
          expect(read.stderr, name).toMatch(
            new RegExp(`^patterns: ${join(dir, name)}: row 2: the key ${key.replaceAll("\\", "\\\\")} `),
          );
          expect(read.stderr.split("\n"), name).toHaveLength(2);
        }
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "scans a JSON file keyed by a CSV header's names (Date, Close) as it scans that CSV",
    () =>
      inTempDir((dir) => {
        const [header = "", ...rows] = csv.trim().split("\n");
        const names = header.split(",");
        const bars = rows.map((row) =>
          Object.fromEntries(row.split(",").map((cell, i) => [names[i], i === 0 ? cell : Number(cell)])),
        );
        writeFileSync(join(dir, "HS.csv"), csv);
        writeFileSync(join(dir, "HS.json"), JSON.stringify(bars));
        expect(names).toEqual(["Date", "Close"]);
        const fromJson = spawnSync(process.execPath, [bin, "scan", join(dir, "HS.json"), "--json"], {
          encoding: "utf8",
        });
        expect(fromJson.stderr).toBe("");
        expect(fromJson.stdout).toContain('"pattern":"HS"');
        expect(fromJson.stdout).toBe(scanned(join(dir, "HS.csv"), "--json"));
      }),
    PROCESS_TIMEOUT,
  );
});
