// What an alert is, from raising to publishing: the record stored in Alerts and carried on AlertQueue.

import {
  ALERT_SOURCES,
  ALERT_STATUSES,
  type AlertSource,
  type AlertStatus,
  type PatternCode,
  SEVERITIES,
  type Severity,
  THRESHOLD_RULES,
  type ThresholdRule,
} from "@stock-patterns/core";
import { z } from "zod";

export { ALERT_STATUSES, type AlertStatus, SEVERITIES, THRESHOLD_RULES, type ThresholdRule };

/** An alert as stored and queued. */
export interface Alert {
  alertId: string;
  source: AlertSource;
  symbol: string;
  interval: string;
  severity: Severity;
  /** The bar time the alert is about (a detection's detectedAt, or the threshold bar). */
  barTime: string;
  /** When the alert was raised (ISO). */
  createdAt: string;
  message: string;
  status: AlertStatus;
  pattern?: PatternCode;
  confidence?: number;
  patternId?: string;
  rule?: ThresholdRule;
  /** Rule measurements, e.g. `{ movePct: 6.1 }`. */
  measures?: Record<string, number>;
  /** Set while a CRITICAL alert waits: the hash of its live approval token. */
  approvalTokenHash?: string;
  /** When a processor took the alert to route it; other deliveries keep off until the claim is stale. */
  claimedAt?: string;
  /** When the alert was put on AlertQueue (so a repeat of the producer does not queue it again). */
  enqueuedAt?: string;
  publishedAt?: string;
  notifiedAt?: string;
}

/**
 * How long a routing claim holds. Longer than the AlertProcessor's timeout, so a claim is only taken
 * over from a processor that has certainly stopped.
 */
export const CLAIM_LEASE_SECONDS = 120;

/** The ISO time before which a claim taken is stale at `now`. */
export function claimStaleBefore(now: Date): string {
  return new Date(now.getTime() - CLAIM_LEASE_SECONDS * 1000).toISOString();
}

/** The AlertQueue message body: the alert itself (checked on the way in by the AlertProcessor). */
export const alertMessageSchema = z.object({
  alertId: z.string().min(1),
  source: z.enum(ALERT_SOURCES),
  symbol: z.string().min(1),
  interval: z.string().min(1),
  severity: z.enum(SEVERITIES),
  barTime: z.string().min(1),
  createdAt: z.string().min(1),
  message: z.string(),
  status: z.enum(ALERT_STATUSES),
  pattern: z.string().optional(),
  confidence: z.number().optional(),
  patternId: z.string().optional(),
  rule: z.enum(THRESHOLD_RULES).optional(),
  measures: z.record(z.string(), z.number()).optional(),
});

/** Reads an AlertQueue message body; throws a ZodError or SyntaxError for a malformed one. */
export function parseAlertMessage(body: string): Alert {
  return alertMessageSchema.parse(JSON.parse(body)) as Alert;
}
