// Where an alert comes from and where it is in its life: the values every package and the API share.

/**
 * QUEUED on AlertQueue; PUBLISHED to TradingAlerts; CRITICAL ones wait in PENDING_APPROVAL until
 * APPROVED (then published), REJECTED or EXPIRED.
 */
export const ALERT_STATUSES = [
  "QUEUED",
  "PUBLISHED",
  "PENDING_APPROVAL",
  "APPROVED",
  "REJECTED",
  "EXPIRED",
] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** A detection's confidence or a threshold rule raised the alert. */
export const ALERT_SOURCES = ["pattern", "threshold"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
