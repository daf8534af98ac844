// Evidence snapshots expire (EVIDENCE_RETENTION, through the table's TTL attribute), against dynalite: each
// item carries its expiry; GET /stats as of a time within the retention answers, beyond it a 404 that says
// how far back the evidence goes. dynalite, like DynamoDB some time after expiry, still returns expired
// items: the repository treats them as gone.

import { codeUnitOrder, poolTallies, seriesKey } from "@stock-patterns/core";
import { EVIDENCE_RETENTION, TABLES } from "@stock-patterns/core/catalog";
import { describe, expect, it } from "vitest";
import { linked } from "#config";
import { scanTable } from "#test/aws";
import { call } from "#test/http";
import { saveSeriesList, saveSeriesSnapshot } from "./repository";

const SPEC = TABLES.EvidenceSnapshots;
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const retentionDays = EVIDENCE_RETENTION.seriesSeconds / 86_400;

/** A series whose first snapshot was written just beyond the retention and its second just within it. */
async function seriesWrittenAcrossRetention(symbol: string, interval: string) {
  const tally = poolTallies([]);
  const written = [daysAgo(retentionDays + 1), daysAgo(retentionDays - 1)];
  await saveSeriesSnapshot(symbol, interval, "2001-01-02", tally, written[0]);
  await saveSeriesSnapshot(symbol, interval, "2001-06-01", tally, written[1]);
  return written;
}

describe("evidence snapshot retention", () => {
  it("stores each snapshot with its expiry, the retention after it was written", async () => {
    const written = await seriesWrittenAcrossRetention("RETA", "1d");
    const items = (await scanTable<Record<string, unknown>>(linked("EvidenceSnapshots", "name")))
      .filter((item) => item[SPEC.partitionKey] === seriesKey("RETA", "1d"))
      .sort((a, b) => codeUnitOrder(String(a[SPEC.sortKey]), String(b[SPEC.sortKey])));
    expect(items.map((item) => item[SPEC.ttlAttribute])).toEqual(
      written.map((at) => Math.floor(at.getTime() / 1000) + EVIDENCE_RETENTION.seriesSeconds),
    );
  });

  it("answers as of a time within the retention, and beyond it 404 naming the oldest evidence kept", async () => {
    await seriesWrittenAcrossRetention("RETB", "1d");
    const within = await call("/stats?symbol=RETB&interval=1d&asOf=2001-07-01", { key: "reader" });
    expect(within.status).toBe(200);
    expect(within.json.asOf).toBe("2001-06-01T00:00:00.000Z");

    const beyond = await call("/stats?symbol=RETB&interval=1d&asOf=2001-03-01", { key: "reader" });
    expect(beyond.status).toBe(404);
    expect(beyond.json.detail).toBe(
      `no evidence for RETB 1d at or before 2001-03-01T00:00:00.000Z: the oldest kept is as of ` +
        `2001-06-01T00:00:00.000Z; a series' snapshots are kept ${retentionDays} days after the stream counts them`,
    );
  });

  it("leaves expired snapshots out of the evidence pooled as of a past time", async () => {
    await seriesWrittenAcrossRetention("RETC", "1wk");
    await seriesWrittenAcrossRetention("RETD", "1wk");
    await saveSeriesList("1wk", ["RETC", "RETD"]);
    const within = await call("/stats?interval=1wk&asOf=2001-07-01", { key: "reader" });
    expect(within.status).toBe(200);
    expect(within.json).toMatchObject({ series: 2, pooledFrom: { listed: 2 } });

    const beyond = await call("/stats?interval=1wk&asOf=2001-03-01", { key: "reader" });
    expect(beyond.status).toBe(404);
    expect(beyond.json.detail).toMatch(/any of the 2 series .* kept \d+ days after the stream counts them$/);
  });
});
