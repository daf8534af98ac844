// The messages the system sends outside the API, which subscribers' programs read: what goes out on the
// TradingAlerts and AlertApprovalRequests topics and what is set aside on RejectedMarketData; and those of
// its own queues, which people read when one lands on a dead-letter queue. Defined once here; the senders
// build through these schemas, the tests and the published JSON Schemas read them.

import * as z from "zod";
import { alertSchema } from "../alerts/alert";
import { lifecycleMessageSchema } from "./lifecycle";

/** TradingAlerts: an alert as it goes out (PUBLISHED, or APPROVED with who approved it). */
export const alertMessageSchema = z
  .object({
    type: z.literal("alert"),
    alert: alertSchema,
    /** The approver of a CRITICAL alert; absent on an alert that needed none. */
    approvedBy: z.string().min(1).optional(),
  })
  .meta({ id: "AlertMessage" });
export type AlertMessage = z.infer<typeof alertMessageSchema>;

/** Every message body on TradingAlerts, told apart by `type`. */
export const tradingAlertsMessageSchema = z.discriminatedUnion("type", [
  alertMessageSchema,
  lifecycleMessageSchema.meta({ id: "LifecycleMessage" }),
]);
export type TradingAlertsMessage = z.infer<typeof tradingAlertsMessageSchema>;

/** AlertApprovalRequests: a CRITICAL alert waits for an approver, who decides it through `approveUrl`. */
export const approvalRequestMessageSchema = z
  .object({
    type: z.literal("approvalRequest"),
    alert: alertSchema,
    /** The console's approve page, its one-time token in the query. */
    approveUrl: z.url(),
    /** When the request can no longer be decided (ISO). */
    expiresAt: z.string().min(1),
  })
  .meta({ id: "ApprovalRequestMessage" });
export type ApprovalRequestMessage = z.infer<typeof approvalRequestMessageSchema>;

/** AlertApprovalRequests: a request ran out undecided; its alert is EXPIRED. */
export const approvalExpiredMessageSchema = z
  .object({
    type: z.literal("approvalExpired"),
    alertId: z.string().min(1),
    symbol: z.string().min(1),
    /** The alert's message. */
    summary: z.string(),
    expiresAt: z.string().min(1),
  })
  .meta({ id: "ApprovalExpiredMessage" });
export type ApprovalExpiredMessage = z.infer<typeof approvalExpiredMessageSchema>;

/** Every message body on AlertApprovalRequests, told apart by `type`. */
export const approvalRequestsMessageSchema = z.discriminatedUnion("type", [
  approvalRequestMessageSchema,
  approvalExpiredMessageSchema,
]);
export type ApprovalRequestsMessage = z.infer<typeof approvalRequestsMessageSchema>;

/**
 * RejectedMarketData: one market-data record the KinesisConsumer could not read or apply, nothing dropped
 * from what arrived. A record too long for one message comes as several, each with every field, `part`
 * and `parts`, and a slice of `data`.
 */
export const rejectedMarketRecordSchema = z
  .object({
    /**
     * The record's data exactly as Kinesis delivered it (base64); in a part, the part's slice of it, so
     * the parts' slices in `part` order are the record's data.
     */
    data: z.string(),
    /** Which part this is, from 1, on a record sent in parts (absent on a record sent whole). */
    part: z.number().int().min(1).optional(),
    /** How many parts the record was sent in (absent on a record sent whole). */
    parts: z.number().int().min(2).optional(),
    partitionKey: z.string(),
    sequenceNumber: z.string().min(1),
    /** `<shardId>:<sequenceNumber>` as Lambda names the record. */
    eventID: z.string(),
    /** The stream (or its enhanced fan-out consumer) the record came from, when the event says. */
    eventSourceARN: z.string().optional(),
    /** The shard the record is on, when the eventID names it. */
    shardId: z.string().optional(),
    /** When Kinesis received the record (ISO 8601). */
    arrivedAt: z.string().optional(),
    /** What is wrong with it, e.g. `data is not JSON` or `close: Too small: expected number to be >0`. */
    reason: z.string().min(1),
    /** When the KinesisConsumer rejected it (ISO 8601). */
    rejectedAt: z.string().min(1),
  })
  .meta({ id: "RejectedMarketRecord" });
export type RejectedMarketRecord = z.infer<typeof rejectedMarketRecordSchema>;

/** PendingApprovals: an approval request to watch until it can expire (its DLQ holds the same). */
export const pendingApprovalMessageSchema = z
  .object({
    /** The SHA-256 (hex) of the approval's token: its key in ApprovalTracking. */
    tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
    alertId: z.string().min(1),
    expiresAt: z.string().min(1),
  })
  .meta({ id: "PendingApprovalMessage" });
export type PendingApprovalMessage = z.infer<typeof pendingApprovalMessageSchema>;

/**
 * The body schema of every topic and queue whose messages someone reads, by the catalog's name for it:
 * AlertQueue's is the alert itself (its DLQ holds the same).
 */
export const MESSAGE_SCHEMAS = {
  TradingAlerts: tradingAlertsMessageSchema,
  AlertApprovalRequests: approvalRequestsMessageSchema,
  RejectedMarketData: rejectedMarketRecordSchema,
  AlertQueue: alertSchema,
  PendingApprovals: pendingApprovalMessageSchema,
} as const;
export type MessageChannel = keyof typeof MESSAGE_SCHEMAS;

/**
 * The JSON Schema (draft 2020-12) of a channel's message bodies, as subscribers validate them.
 *
 * @example
 * messageJsonSchema("AlertApprovalRequests").oneOf?.length // 2
 */
export function messageJsonSchema(channel: MessageChannel): Record<string, unknown> {
  return z.toJSONSchema(MESSAGE_SCHEMAS[channel], { target: "draft-2020-12" }) as Record<string, unknown>;
}
