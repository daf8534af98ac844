// The messages the topics publish, as the OpenAPI document's `webhooks`: subscribers find their schemas
// beside the API's, generated from the same zod schemas in core the publishers build through.

import { MESSAGE_SCHEMAS } from "@stock-patterns/core/contracts";
import type { openAPIRouteHandler } from "hono-openapi";
import * as z from "zod";

type Schema = Record<string, unknown>;
type Documentation = NonNullable<NonNullable<Parameters<typeof openAPIRouteHandler>[1]>["documentation"]>;

/** What each topic's subscribers are told, in the document. */
const TOPICS = {
  TradingAlerts: {
    operationId: "tradingAlertsMessage",
    summary: "An alert went out, or its detection broke out or was resolved",
    description:
      "Published on the SNS topic TradingAlerts. The schema is the SNS `Message` (the whole HTTP body " +
      "with raw message delivery). An alert's subject is `[SEVERITY] SYMBOL message`, with message " +
      "attributes `severity` and `symbol`; a lifecycle message's `[event] SYMBOL CODE status`, with " +
      "`type` and `symbol`.",
  },
  AlertApprovalRequests: {
    operationId: "alertApprovalRequestsMessage",
    summary: "A CRITICAL alert waits for an approver, or its request expired",
    description:
      "Published on the SNS topic AlertApprovalRequests, without message attributes. The schema is the " +
      "SNS `Message`. Subjects: `Approval needed: SYMBOL message`, `Approval expired: SYMBOL summary`.",
  },
} as const;

/**
 * The `webhooks` of the document and the component schemas they name: each topic's message body from
 * core's schema (z.toJSONSchema, the dialect OpenAPI 3.1 uses), its definitions as components.
 *
 * @example
 * const { webhooks, schemas } = messageWebhooks();
 * webhooks.TradingAlerts.post.requestBody.content["application/json"].schema
 * // { oneOf: [{ $ref: "#/components/schemas/AlertMessage" }, { $ref: "#/components/schemas/LifecycleMessage" }] }
 */
export function messageWebhooks() {
  const schemas: Record<string, Schema> = {};
  const webhooks: Record<string, { post: Schema }> = {};
  for (const [topic, about] of Object.entries(TOPICS)) {
    // Objects left open, as the document's answers are (hono-openapi writes them so, the Alert they share
    // among them): a subscriber's reader keeps working when a field is added; the tests read them closed.
    const { $schema, $defs, ...body } = z.toJSONSchema(MESSAGE_SCHEMAS[topic as keyof typeof TOPICS], {
      override: ({ jsonSchema }) => {
        if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    }) as Schema & { $defs?: Record<string, Schema> };
    // Definitions move from the schema's own $defs to the document's components.
    const atComponents = <Value>(value: Value): Value =>
      JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
    Object.assign(schemas, atComponents($defs ?? {}));
    webhooks[topic] = {
      post: {
        ...about,
        requestBody: { required: true, content: { "application/json": { schema: atComponents(body) } } },
        responses: { 200: { description: "Received" } },
      },
    };
  }
  // JSON Schema as zod writes it is what the document's types describe; they only cannot see it.
  return {
    webhooks: webhooks as NonNullable<Documentation["webhooks"]>,
    schemas: schemas as NonNullable<NonNullable<Documentation["components"]>["schemas"]>,
  };
}
