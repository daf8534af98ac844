import { describe, expect, it } from "vitest";
import { type Alert, alertSchema, toAlertView } from "./alert";

const alert: Alert = {
  alertId: "alr_1",
  source: "pattern",
  symbol: "AAPL",
  interval: "1d",
  severity: "CRITICAL",
  barTime: "2020-01-02",
  createdAt: "2020-01-02T21:00:00.000Z",
  message: "HS on AAPL",
  status: "PENDING_APPROVAL",
  pattern: "HS",
  confidence: 91,
};

describe("toAlertView", () => {
  it("keeps the schema's fields and drops whatever a store added", () => {
    const stored = {
      ...alert,
      approvalTokenHash: "f00d",
      claimedAt: "2020-01-02T21:00:01.000Z",
      anyLaterMark: 1,
    };
    const view = toAlertView(stored);
    expect(view).toEqual(alert);
    expect(alertSchema.strict().parse(view)).toEqual(alert);
  });
});
