// What an alert is, as the API shows it and AlertQueue carries it: one schema, its type inferred.

import * as z from "zod";
import { evidenceSchema, runningEvidenceSchema } from "../contracts/outcomes";
import { THRESHOLD_RULES } from "../thresholds/evaluate";
import { PATTERN_CODES } from "../types";
import { SEVERITIES } from "./severity";
import { ALERT_SOURCES, ALERT_STATUSES } from "./status";

/** An alert raised from a detection (`pattern`, `confidence`, `patternId`) or a threshold rule (`rule`, `measures`). */
export const alertSchema = z
  .object({
    alertId: z.string().min(1),
    source: z.enum(ALERT_SOURCES),
    symbol: z.string().min(1),
    interval: z.string().min(1),
    severity: z.enum(SEVERITIES),
    /** The bar time the alert is about (a detection's detectedAt, or the threshold bar). */
    barTime: z.string().min(1),
    /** When the alert was raised (ISO). */
    createdAt: z.string().min(1),
    message: z.string(),
    status: z.enum(ALERT_STATUSES),
    pattern: z.enum(PATTERN_CODES).optional(),
    confidence: z.number().optional(),
    patternId: z.string().optional(),
    /**
     * What past detections of its code on its series did, as of barTime: the full evidence (median, KS)
     * from POST /patterns, which has the whole series; the running evidence from the stream.
     */
    evidence: z.union([evidenceSchema, runningEvidenceSchema]).optional(),
    rule: z.enum(THRESHOLD_RULES).optional(),
    /** Rule measurements, e.g. `{ movePct: 6.1 }`. */
    measures: z.record(z.string(), z.number()).optional(),
    /** When it went out on TradingAlerts. */
    publishedAt: z.string().optional(),
  })
  .meta({
    id: "Alert",
    examples: [
      {
        alertId: "alr_5b0c1e8f2a7d4c3b9e6f1a2d3c4b5a69",
        source: "pattern",
        symbol: "AAPL",
        interval: "1d",
        severity: "HIGH",
        barTime: "2024-03-04",
        createdAt: "2024-03-04T21:00:03.120Z",
        message: "double top (DTOP) ending 2024-02-27, confidence 81",
        status: "PUBLISHED",
        pattern: "DTOP",
        confidence: 81,
        patternId: "pat_0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        publishedAt: "2024-03-04T21:00:03.410Z",
      },
    ],
  });

/** An alert: the API's view and the AlertQueue message body. */
export type Alert = z.infer<typeof alertSchema>;

/** The fields of an alert: whatever else a stored alert carries is its processors' bookkeeping. */
const ALERT_FIELDS = Object.keys(alertSchema.shape) as (keyof Alert)[];

/**
 * The alert in `stored` (the API's view, and what TradingAlerts announces): its schema's fields only, so
 * a store's bookkeeping (claim and send marks, the live approval's token hash) stays inside, a mark added
 * later too.
 *
 * @example
 * toAlertView({ ...alert, approvalTokenHash: "…", claimedAt: "…" }) // alert
 */
export function toAlertView(stored: Alert): Alert {
  const view: Partial<Record<keyof Alert, unknown>> = {};
  for (const field of ALERT_FIELDS) if (stored[field] !== undefined) view[field] = stored[field];
  return view as Alert;
}
