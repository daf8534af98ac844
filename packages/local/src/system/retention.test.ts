// A system started with a retention (`npm start --retention-days`): each alert it finishes carries its
// expiry, the finishing write's time plus the days (an alert that waited on an approver, at least its
// approvals' 400 days), and one still unfinished none; and, as dynalite deletes nothing, an alert past its
// expiry stays in the table but GET /alerts and GET /alerts/{alertId} leave it out.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttributeValue, ScanCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { parseBarsCsv } from "@stock-patterns/core";
import { APPROVAL_AUDIT_RETENTION_SECONDS, TABLES } from "@stock-patterns/core/catalog";
import { dynamoDbClient } from "@stock-patterns/emulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUICK_POLLING } from "../runtime/config";
import { DEFAULT_REPLAY_FILE } from "./paths";
import { type LocalSystem, startSystem } from "./start-system";

const DAYS = 30;
const DAY = 86_400;
const EXPIRY = TABLES.Alerts.ttlAttribute;
const bars = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, 400);
const dir = mkdtempSync(join(tmpdir(), "local-retention-"));
let system: LocalSystem;

beforeAll(async () => {
  system = await startSystem({
    port: 0,
    outDir: join(dir, "out"),
    retentionDays: DAYS,
    timing: { ...QUICK_POLLING, schedulePeriodMs: 3_600_000 },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const epoch = () => Math.floor(Date.now() / 1000);

/** Every alert in the table, as stored (dynalite keeps expired ones). */
async function storedAlerts(): Promise<Record<string, AttributeValue>[]> {
  const client = dynamoDbClient(system.endpoints.dynamodb);
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: system.resourceDetails.tables.Alerts, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return items;
}

/** Finished for good, read from the item: rejected, expired, or out with nothing left to tell. */
function finished(item: Record<string, AttributeValue>): boolean {
  const status = item.status?.S;
  if (status === "REJECTED" || status === "EXPIRED") return true;
  const out = (status === "PUBLISHED" || status === "APPROVED") && item.publishedAt !== undefined;
  return out && (item.patternId === undefined || item.resolvedSentAt !== undefined);
}

/** Every alert id GET /alerts lists for SPX, page by page. */
async function listedIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = `symbol=SPX&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const answer = await fetch(`${system.apiUrl}/alerts?${query}`, {
      headers: { "x-api-key": system.apiKeys.reader },
    });
    expect(answer.status).toBe(200);
    const page = (await answer.json()) as { items: { alertId: string }[]; cursor?: string | null };
    ids.push(...page.items.map((alert) => alert.alertId));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return ids;
}

describe("a system started with --retention-days", () => {
  it("gives each alert it finishes its expiry, and none to an alert still unfinished", async () => {
    const before = epoch();
    await system.replay(bars, { symbol: "SPX", interval: "1d" });
    await system.settled();
    // The schedule's sweep too: it finishes nothing of these, and gives nothing unfinished an expiry.
    await system.runScheduledCheck();
    await system.settled();
    const after = epoch();

    const items = await storedAlerts();
    const done = items.filter(finished);
    const open = items.filter((item) => !finished(item));
    // Published detection alerts resolved within the 400 bars; those of detections still open at the last
    // bar, and the CRITICAL alerts nobody decided, are not finished.
    expect(done.length, `${items.length} alerts`).toBeGreaterThan(5);
    expect(open.length).toBeGreaterThan(0);
    for (const item of done) {
      const kept = item.approvalTokenHash ? APPROVAL_AUDIT_RETENTION_SECONDS : DAYS * DAY;
      expect(Number(item[EXPIRY]?.N), item.alertId?.S).toBeGreaterThanOrEqual(before + kept);
      expect(Number(item[EXPIRY]?.N), item.alertId?.S).toBeLessThanOrEqual(after + kept);
    }
    for (const item of open) expect(item[EXPIRY], item.alertId?.S).toBeUndefined();
  }, 180_000);

  it("leaves an expired alert out of GET /alerts and GET /alerts/{alertId}, though dynalite keeps it", async () => {
    const [gone, kept] = (await storedAlerts()).filter(finished).map((item) => item.alertId?.S as string);
    expect(await listedIds()).toEqual(expect.arrayContaining([gone, kept]));
    // Its retention passed: TTL would delete it on AWS some days from now; dynalite never does.
    const client = dynamoDbClient(system.endpoints.dynamodb);
    await client.send(
      new UpdateItemCommand({
        TableName: system.resourceDetails.tables.Alerts,
        Key: { alertId: { S: gone as string } },
        UpdateExpression: "SET #expires = :past",
        ExpressionAttributeNames: { "#expires": EXPIRY },
        ExpressionAttributeValues: { ":past": { N: String(epoch() - 1) } },
      }),
    );
    client.destroy();
    expect((await storedAlerts()).map((item) => item.alertId?.S)).toContain(gone);
    const listed = await listedIds();
    expect(listed).toContain(kept);
    expect(listed).not.toContain(gone);
    const one = (id: string) =>
      fetch(`${system.apiUrl}/alerts/${id}`, { headers: { "x-api-key": system.apiKeys.reader } });
    expect((await one(gone as string)).status).toBe(404);
    expect((await one(kept as string)).status).toBe(200);
  });
});
