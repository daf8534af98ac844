// Pooling a window at a time, as the table is scanned, stores what pooling the whole table at once stored:
// pool.fixture.json is the result and the EvidenceSnapshots items of poolEvidence(await listWindows(), NOW)
// at 618de15, captured on these same windows (two identical captures) before the pooling changed; its items
// in scanTable's order (by their JSON's code units since the helper stopped following the locale).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { linked } from "#config";
import { eachWindow, loadWindow, saveWindow } from "#stream";
import { scanTable } from "#test/aws";
import { seedWindows } from "#test/windows";
import { poolEvidence } from "./pool";

const NOW = new Date("2026-12-05T02:00:00.000Z");
// Parsed and written again: the file is formatted (Biome), and a double's text round-trips to the last bit.
const CAPTURED = JSON.stringify(
  JSON.parse(readFileSync(new URL("./pool.fixture.json", import.meta.url), "utf8")),
);

describe("poolEvidence", () => {
  it("stores byte for byte what pooling every window at once stored: 300 1m series, 60 1d, one without outcomes", async () => {
    await seedWindows(300, "1m");
    await seedWindows(60, "1d", { prefix: "DAY" });
    await saveWindow(await loadWindow("BARE", "1m"), [{ time: "2026-01-05T14:30:00.000Z", close: 10 }]);
    const result = await poolEvidence(eachWindow(), NOW);
    const stored = await scanTable(linked("EvidenceSnapshots", "name"));
    expect(JSON.stringify({ result, stored })).toBe(CAPTURED);
  }, 60_000);
});
