// `npm start --data-dir` killed whole (SIGKILL) inside an alert's write: dynalite had stored the write's
// index entry (byCreatedAt, which the sweep queries) and not yet the item. The index's copy says claimed or
// PUBLISHED; the item is still QUEUED, unclaimed or claimed, its AlertQueue message lost with the queues.
// The restart's sweep must route it at once, as it does any alert the earlier run left QUEUED.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTables, dynamoDbClient } from "@stock-patterns/emulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAlert, listAlerts, raiseAlert } from "#alerts";
import { handler as alertProcessor } from "#handlers/alert-processor";
import { sweepHandler } from "#handlers/threshold-checker";
import { deleteSucceeded, lambdaContext, published, queueUrl, receiveSqsEvent } from "#test/aws";
import { type DynamoDbProcess, startDynamoDbProcess, type TornWrite } from "#test/dynamodb-killed-mid-write";
import { queuedAlert } from "#test/fixtures";

const dir = mkdtempSync(join(tmpdir(), "sweep-torn-write-"));
let dynamodb: DynamoDbProcess;

beforeAll(async () => {
  // Before any handler's first call: this file's DynamoDB client is made for this endpoint, and restarts
  // of the emulator keep its port.
  dynamodb = await startDynamoDbProcess(dir);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb.endpoint;
  const client = dynamoDbClient(dynamodb.endpoint);
  await createTables(client);
  client.destroy();
});

afterAll(async () => {
  await dynamodb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** One AlertProcessor poll of AlertQueue; every message is then gone, as the run's in-memory queues are. */
async function routeOnce(): Promise<string[]> {
  const url = queueUrl("AlertQueue");
  const event = await receiveSqsEvent(url);
  await alertProcessor(event, lambdaContext("AlertProcessor"));
  await deleteSucceeded(url, event, []);
  return event.Records.map((record) => JSON.parse(record.body).alertId);
}

/** The alert as the sweep's query reads it: its copy in the byCreatedAt index. */
async function indexCopy(alertId: string) {
  const { items } = await listAlerts({ limit: 100 });
  return items.find((alert) => alert.alertId === alertId);
}

describe("the sweep at a local system's start, after a kill inside an alert's write", () => {
  it.each<[TornWrite, Record<string, unknown>]>([
    ["claim", { status: "QUEUED", claimedAt: expect.any(String) }],
    ["publish", { status: "PUBLISHED", publishedAt: expect.any(String) }],
  ])("routes at once an alert whose %s reached the index and not the item", async (tear, copy) => {
    await dynamodb.stop();
    dynamodb = await startDynamoDbProcess(dir, dynamodb.port, tear);
    const killed = dynamodb.exited;
    const alert = queuedAlert({ severity: "HIGH", createdAt: new Date(Date.now() - 60_000).toISOString() });
    await raiseAlert(alert);
    expect(await routeOnce()).toEqual([alert.alertId]);
    expect(await killed).toBe("SIGKILL");

    dynamodb = await startDynamoDbProcess(dir, dynamodb.port);
    const runStartedAt = new Date().toISOString();
    expect(await indexCopy(alert.alertId)).toMatchObject(copy);
    const stored = await getAlert(alert.alertId);
    expect(stored?.status).toBe("QUEUED");
    if (tear === "claim") expect(stored?.claimedAt).toBeUndefined();

    const swept = await sweepHandler({ runStartedAt }, lambdaContext("ThresholdChecker"));
    expect(swept).toMatchObject({ redriven: 1, failed: 0 });
    expect(await routeOnce()).toEqual([alert.alertId]);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
    const told = (await published("TradingAlerts")).map(({ message }) => message.alert.alertId);
    // The earlier run had sent it before its move to PUBLISHED was cut: at least once, the same alertId.
    expect(told).toEqual(tear === "publish" ? [alert.alertId, alert.alertId] : [alert.alertId]);
  });
});
