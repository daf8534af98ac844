// Who may submit bars: POST /patterns stores detections and raises alerts (a CRITICAL one asks a person
// to approve), so a read-only key may not, and a refused request stores nothing.

import { scanBars } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { scanTable } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { call } from "#test/http";

// The year 2000 of the S&P 500: it holds a double top graded CRITICAL.
const year2000 = sp500()
  .filter((bar) => bar.time.startsWith("2000"))
  .map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume }));

/** How many items each table the analysis writes holds (this file's emulators start empty). */
async function stored() {
  const count = async (table: string) => (await scanTable(table)).length;
  return {
    detections: await count("TradingPatterns"),
    alerts: await count("Alerts"),
    approvals: await count("ApprovalTracking"),
  };
}

describe("POST /patterns by role", () => {
  it("refuses a reader key with 403, saying which key it needs, and stores no detection or alert", async () => {
    expect(scanBars(year2000).length).toBeGreaterThan(0);
    const { status, json } = await call("/patterns", {
      key: "reader",
      body: { symbol: "ROLE", interval: "1d", bars: year2000 },
    });
    expect(status).toBe(403);
    expect(json.detail).toBe("this needs an analyst or approver key; yours is a reader key");
    expect(await stored()).toEqual({ detections: 0, alerts: 0, approvals: 0 });
  });

  it.each(["analyst", "approver"] as const)(
    "stores the detections and raises the alerts of the same bars for an %s key",
    async (key) => {
      const symbol = `ROLE${key.toUpperCase()}`;
      const before = await stored();
      const { status, json } = await call("/patterns", {
        key,
        body: { symbol, interval: "1d", bars: year2000 },
      });
      expect(status).toBe(200);
      expect(json.alerts.some((alert: { severity: string }) => alert.severity === "CRITICAL")).toBe(true);
      const after = await stored();
      expect(after.detections - before.detections).toBe(scanBars(year2000).length);
      expect(after.alerts - before.alerts).toBe(json.alerts.length);
    },
  );
});
