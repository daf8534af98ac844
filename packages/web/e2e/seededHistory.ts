// The hooks of a test file that reads a history it stored itself: a local system with those alerts in its
// Alerts table, and a browser to open the console in.
import assert from "node:assert/strict";
import { ALERT_ID, type Alert } from "@stock-patterns/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { seedAlerts } from "./seedAlerts";
import { startTestSystem, type TestSystem } from "./testSystem";

const NEWEST = Date.UTC(2024, 5, 1);

/**
 * The id of a seeded history's `i`th alert, of the shape the API takes in a cursor (core's ALERT_ID: `alr_`
 * and 32 hexadecimal digits): `tag`, a few hexadecimal digits telling one history from another, then `i`.
 * @example seededAlertId("c0", 7) // "alr_c0000000000000000000000000007"
 */
export function seededAlertId(tag: string, i: number): string {
  const id = `alr_${tag}${String(i).padStart(32 - tag.length, "0")}`;
  assert.match(id, ALERT_ID, `a seeded alert id not of the API's shape: ${id}`);
  return id;
}

/**
 * The `i`th alert of a stored history, newest first a minute apart: a published price-move alert of a daily
 * series, under the given id, symbol and severity.
 * @example historyAlert(0, { alertId: seededAlertId("a1", 0), symbol: "SPX", severity: "HIGH" })
 */
export function historyAlert(i: number, named: Pick<Alert, "alertId" | "symbol" | "severity">): Alert {
  return {
    ...named,
    source: "threshold",
    interval: "1d",
    barTime: "2024-05-31",
    createdAt: new Date(NEWEST - i * 60_000).toISOString(),
    message: "close moved 5.2 %",
    status: "PUBLISHED",
    rule: "priceMove",
    measures: { movePct: 5.2 },
  };
}

/** The running system and browser, set once the file's tests start. */
export interface SeededHistory {
  local: TestSystem;
  browser: Browser;
}

/**
 * Registers the calling file's beforeAll (start a system, store `alerts`, launch a browser) and afterAll
 * (close and stop them); the returned object holds both while the tests run.
 * @example const seeded = seededHistory(alerts); … await openTab(seeded.browser);
 */
export function seededHistory(alerts: readonly Alert[]): SeededHistory {
  const seeded = {} as SeededHistory;
  beforeAll(async () => {
    seeded.local = await startTestSystem();
    seeded.browser = await launchBrowser();
    const table = seeded.local.system.resources.tables.Alerts;
    assert(table, "the local system has no Alerts table");
    await seedAlerts(seeded.local.system.endpoints.dynamodb, table, alerts);
  });
  afterAll(async () => {
    await seeded.browser?.close();
    await seeded.local?.stop();
  });
  return seeded;
}
