// GET /stats?interval=&asOf= without a symbol against dynalite, checked to the last bit against the table
// itself: over the listed series (in the list's order), each one's newest snapshot at or before asOf, read
// from a Scan, none where that one has expired; pooled with core's poolTallies. The seeded set has series
// with snapshots after asOf only, one exactly at it, expired ones, a listed series never counted, an
// unlisted one and another interval's, and more series than the reads in flight at once.

import {
  codeUnitOrder,
  type EvidenceTally,
  poolTallies,
  seriesKey,
  tallyEvidence,
} from "@stock-patterns/core";
import { EVIDENCE_RETENTION, TABLES } from "@stock-patterns/core/catalog";
import { beforeAll, describe, expect, it } from "vitest";
import { linked } from "#config";
import { scanTable } from "#test/aws";
import { call } from "#test/http";
import { heldWindows } from "#test/windows";
import { saveSeriesList, saveSeriesSnapshot } from "./repository";

const SPEC = TABLES.EvidenceSnapshots;
const INTERVAL = "1h";
const HOUR = 3_600_000;
const FIRST = Date.UTC(2025, 5, 2, 9);
const ASKED = new Date(FIRST + 2 * HOUR).toISOString();
/** More than the reads in flight at once, and than a batch of keys: 150 series, snapshotted. */
const SERIES = 150;
const symbolOf = (n: number) => `PAO${String(n).padStart(3, "0")}`;
const written = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
const retentionDays = EVIDENCE_RETENTION.seriesSeconds / 86_400;

const tallies = heldWindows().map((window) => window.outcomes?.evidence as EvidenceTally);
const tallyOf = (n: number, k: number) => tallies[(n * 3 + k) % tallies.length] as EvidenceTally;

beforeAll(async () => {
  const writes: Promise<boolean>[] = [];
  for (let n = 0; n < SERIES; n++) {
    // Snapshots an hour of bar time apart, n minutes into the hour; series 5k start after asOf,
    // series 7k have one exactly at it, series 11k were all written beyond the retention, series 13k
    // only their newest before asOf so (an older one is kept: the answer still counts none for them).
    const first = n % 5 === 0 ? 3 : 0;
    for (let k = first; k < 4; k++) {
      const minute = n % 7 === 0 && k === 2 ? 0 : n % 60;
      const bar = new Date(FIRST + k * HOUR + minute * 60_000).toISOString();
      const expired = n % 11 === 0 || (n % 13 === 0 && k === 1);
      writes.push(
        saveSeriesSnapshot(
          symbolOf(n),
          INTERVAL,
          bar,
          tallyOf(n, k),
          written(expired ? retentionDays + 1 : 1),
        ),
      );
    }
  }
  // Not listed, and another interval's: neither counts.
  writes.push(saveSeriesSnapshot("PAOXTRA", INTERVAL, "2025-06-02T09:30:00Z", tallyOf(1, 1)));
  writes.push(saveSeriesSnapshot(symbolOf(1), "1d", "2025-06-02", tallyOf(2, 2)));
  await Promise.all(writes);
  // Listed, never counted.
  await saveSeriesList(INTERVAL, [...Array.from({ length: SERIES }, (_, n) => symbolOf(n)), "PAONONE"]);
}, 60_000);

/** The answer's figures as the table holds them: what the documented semantics give. */
async function expectedFromTable() {
  const items = await scanTable(linked("EvidenceSnapshots", "name"));
  const list = items
    .filter((item) => item[SPEC.partitionKey] === seriesKey("@", INTERVAL))
    .sort((a, b) => codeUnitOrder(String(b.listedAt), String(a.listedAt)))[0] as { symbols: string[] };
  const nowSeconds = Date.now() / 1000;
  const used = list.symbols.flatMap((symbol) => {
    const newest = items
      .filter((item) => item[SPEC.partitionKey] === seriesKey(symbol, INTERVAL))
      .filter((item) => String(item[SPEC.sortKey]) <= ASKED)
      .sort((a, b) => codeUnitOrder(String(b[SPEC.sortKey]), String(a[SPEC.sortKey])))[0];
    return newest && (newest[SPEC.ttlAttribute] as number) > nowSeconds ? [newest] : [];
  });
  const times = used.map((item) => String(item[SPEC.sortKey])).sort();
  return {
    listed: list.symbols.length,
    series: used.length,
    oldestAsOf: times[0],
    newestAsOf: times.at(-1),
    evidence: tallyEvidence(poolTallies(used.map((item) => item.tally as EvidenceTally))),
  };
}

describe("GET /stats across symbols as of a past time", () => {
  it("pools each listed series' newest unexpired snapshot at or before asOf, in the list's order, to the bit", async () => {
    const expected = await expectedFromTable();
    // The seeded cases are there: some series dropped, not all.
    expect(expected.series).toBeGreaterThan(100);
    expect(expected.series).toBeLessThan(SERIES);
    const { status, json } = await call(`/stats?interval=${INTERVAL}&asOf=${ASKED}`, { key: "reader" });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      symbol: null,
      interval: INTERVAL,
      asOf: null,
      requestedAsOf: ASKED,
      series: expected.series,
      pooledFrom: {
        listed: expected.listed,
        oldestAsOf: expected.oldestAsOf,
        newestAsOf: expected.newestAsOf,
      },
    });
    expect(json.evidence).toEqual(expected.evidence);
  });

  it("answers one code the same, and 404 before any listed series was counted", async () => {
    const expected = await expectedFromTable();
    const one = await call(`/stats?interval=${INTERVAL}&asOf=${ASKED}&pattern=DTOP`, { key: "reader" });
    expect(one.json.evidence).toEqual(expected.evidence.filter((e) => e.pattern === "DTOP"));
    const before = await call(`/stats?interval=${INTERVAL}&asOf=2025-06-02T08:59:59Z`, { key: "reader" });
    expect(before.status).toBe(404);
    expect(before.json.detail).toMatch(new RegExp(`any of the ${SERIES + 1} series`));
  });
});
