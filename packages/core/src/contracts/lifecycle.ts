// The lifecycle message on TradingAlerts: a published or approved alert's detection broke out or was
// resolved. Defined once here; the KinesisConsumer writes it, subscribers and tests read it.

import * as z from "zod";
import { RESOLVED_STATUSES } from "../outcomes/types";
import { PATTERN_CODES } from "../types";

/** The outcome moves that are told to the people acting on alerts (forward returns are not). */
export const LIFECYCLE_EVENTS = ["breakout", "resolved"] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/**
 * `{ type: "lifecycle", ... }`: `eventId` is the same for every send of one event (a subscriber that
 * sees it twice keeps one); `status` is the outcome's status after the event (`open` after a breakout).
 */
export const lifecycleMessageSchema = z.object({
  type: z.literal("lifecycle"),
  eventId: z.string().min(1),
  event: z.enum(LIFECYCLE_EVENTS),
  alertId: z.string().min(1),
  /** The alert's page in the console. */
  alertUrl: z.url(),
  symbol: z.string().min(1),
  interval: z.string().min(1),
  pattern: z.enum(PATTERN_CODES),
  detectedAt: z.string().min(1),
  /** The bar that caused the event. */
  time: z.string().min(1),
  status: z.enum(["open", ...RESOLVED_STATUSES]),
  /** The breakout's direction and target; null when the detection expired without one. */
  direction: z.enum(["up", "down"]).nullable(),
  ceiling: z.number(),
  floor: z.number(),
  target: z.number().nullable(),
  resolvedAt: z.string().nullable(),
});
export type LifecycleMessage = z.infer<typeof lifecycleMessageSchema>;
