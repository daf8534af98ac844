// What subscribers read, held to core's message schemas strictly (test/contract.ts: every object closed, so
// a field no schema names fails as a wrong type does): the real handlers driven against the emulators (a
// streamed series that raises pattern alerts of each severity, a threshold alert, breakouts and
// resolutions, approval requests, an approval, expiries, records set aside), and every message body that
// reached a topic's tap, RejectedMarketData, AlertQueue or PendingApprovals (what people read on their
// DLQs) validated, with its subject and message attributes, and each topic's also against the webhooks
// GET /openapi.json publishes.

import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { SEVERITIES } from "@stock-patterns/core";
import { type MessageChannel, messageJsonSchema } from "@stock-patterns/core/contracts";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { app } from "#api";
import { handler as approvalProcessor } from "#handlers/approval-processor";
import { handler as kinesisConsumer } from "#handlers/kinesis-consumer";
import { handler as thresholdChecker } from "#handlers/threshold-checker";
import { routeQueuedAlerts } from "#test/alert-queue";
import {
  deleteSucceeded,
  lambdaContext,
  queueUrl,
  receiveSqsEvent,
  StreamReader,
  scheduledEvent,
  testSqs,
} from "#test/aws";
import { closedValidator, contractDocument, missLine, schemaValidator } from "#test/contract";
import { sp500 } from "#test/fixtures";
import { TEST_KEYS } from "#test/keys";
import { replaySeries } from "#test/stream-replay";

/** One message as a subscriber receives it: the SNS envelope's subject and attributes, and the body. */
interface Received {
  channel: MessageChannel;
  subject?: string;
  attributes: Record<string, string>;
  body: Record<string, unknown>;
}

const received: Received[] = [];

/** Takes everything off a queue: a topic's tap (SNS envelopes) or RejectedMarketData (bodies as sent). */
async function take(
  channel: Exclude<MessageChannel, "AlertQueue" | "PendingApprovals">,
): Promise<Received[]> {
  const url =
    channel === "RejectedMarketData" ? queueUrl(channel) : (process.env[`TEST_TAP_${channel}`] as string);
  const sqs = testSqs();
  const found: Received[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const text = message.Body as string;
      if (channel === "RejectedMarketData") found.push({ channel, attributes: {}, body: JSON.parse(text) });
      else {
        const envelope = JSON.parse(text) as {
          Subject?: string;
          Message: string;
          MessageAttributes?: Record<string, { Type: string; Value: string }>;
        };
        const attributes = Object.fromEntries(
          Object.entries(envelope.MessageAttributes ?? {}).map(([name, { Type, Value }]) => [
            name,
            `${Type}:${Value}`,
          ]),
        );
        found.push({ channel, subject: envelope.Subject, attributes, body: JSON.parse(envelope.Message) });
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  sqs.destroy();
  received.push(...found);
  return found;
}

/** Keeps the bodies and attributes of an SQS event from one of the system's own queues. */
function keep(channel: "AlertQueue" | "PendingApprovals", event: SQSEvent) {
  for (const record of event.Records)
    received.push({
      channel,
      attributes: Object.fromEntries(
        Object.entries(record.messageAttributes).map(([name, value]) => [
          name,
          `${value.dataType}:${value.stringValue}`,
        ]),
      ),
      body: JSON.parse(record.body),
    });
}
const routeAlerts = () => routeQueuedAlerts((event) => keep("AlertQueue", event));

const takeAll = async () => {
  for (const channel of ["TradingAlerts", "AlertApprovalRequests", "RejectedMarketData"] as const)
    await take(channel);
};

/** An SNS subject as the documents promise it: printable ASCII, at most 100 characters. */
const subjectOf = (text: string) => text.replace(/[^\x20-\x7e]/g, " ").slice(0, 100);

/** The subject and attributes each kind of message is documented to carry (docs/api.md). */
function expectedEnvelope({ channel, body }: Received): Pick<Received, "subject" | "attributes"> {
  const alert = body.alert as { severity: string; symbol: string; message: string } | undefined;
  switch (body.type) {
    case "alert":
      return {
        subject: subjectOf(`[${alert?.severity}] ${alert?.symbol} ${alert?.message}`),
        attributes: {
          type: "String:alert",
          severity: `String:${alert?.severity}`,
          symbol: `String:${alert?.symbol}`,
        },
      };
    case "lifecycle":
      return {
        subject: subjectOf(`[${body.event}] ${body.symbol} ${body.pattern} ${body.status}`),
        attributes: { type: "String:lifecycle", symbol: `String:${body.symbol}` },
      };
    case "approvalRequest":
      return { subject: subjectOf(`Approval needed: ${alert?.symbol} ${alert?.message}`), attributes: {} };
    case "approvalExpired":
      return { subject: subjectOf(`Approval expired: ${body.symbol} ${body.summary}`), attributes: {} };
    default:
      if (channel === "AlertQueue")
        return {
          subject: undefined,
          attributes: { severity: `String:${body.severity}`, symbol: `String:${body.symbol}` },
        };
      if (channel === "RejectedMarketData" || channel === "PendingApprovals")
        return { subject: undefined, attributes: {} };
      throw new Error(`${channel} carried a message of no known type: ${JSON.stringify(body)}`);
  }
}

const bars = sp500();
/** Bars ending on the first close 5% or more from the one before: the ThresholdChecker's default rule. */
const jumpAt = bars.findIndex(
  (bar, i) => i > 60 && Math.abs(bar.close / (bars[i - 1]?.close ?? bar.close) - 1) >= 0.05,
);
/** A day with no bar among the held ones (a weekend in the series' last bars): a late bar at it is set aside. */
const lateDay = (() => {
  const held = new Set(bars.slice(1480, 1500).map((bar) => bar.time));
  for (let day = Date.parse(`${bars[1480]?.time}T00:00:00Z`); ; day += 86_400_000) {
    const time = new Date(day).toISOString().slice(0, 10);
    if (!held.has(time)) return time;
  }
})();
const reader = new StreamReader();

beforeAll(async () => {
  // Pattern alerts of every severity, their breakouts and resolutions (told by the consumer, or by the
  // publish's catch-up), CRITICAL ones waiting for approval; a threshold alert (MSGJ's last bar).
  const series = bars.slice(0, 1500);
  for (let i = 0; i < series.length; i += 250) {
    await replaySeries(reader, { MSGS: series.slice(i, i + 250) }, 250);
    await routeAlerts();
  }
  await replaySeries(reader, { MSGJ: bars.slice(jumpAt - 60, jumpAt + 1) });
  await thresholdChecker(scheduledEvent(), lambdaContext("ThresholdChecker"));
  await routeAlerts();
  // Set aside: a record that is not JSON, one that is not a valid bar, and a late bar.
  await reader.put([
    { partitionKey: "MSGS", data: "not json" },
    { partitionKey: "MSGS", data: { symbol: "MSGS", interval: "1d", time: "2024-01-02", close: 0 } },
    { partitionKey: "MSGS", data: { symbol: "MSGS", interval: "1d", ...bars[1490], time: lateDay } },
  ]);
  const setAside = await kinesisConsumer(await reader.nextEvent(), lambdaContext("KinesisConsumer"));
  expect(setAside.batchItemFailures).toEqual([]);
  await takeAll();

  // One request approved through its link (the alert, then what its detection went through meanwhile)...
  const requests = received.filter((m) => m.body.type === "approvalRequest");
  const first = new URL(String(requests[0]?.body.approveUrl)).searchParams.get("token");
  const answer = await app.request(`/approve/${first}`, {
    method: "POST",
    headers: { "X-API-Key": TEST_KEYS.approver, "Content-Type": "application/json" },
    body: JSON.stringify({ decision: "approve" }),
  });
  expect(answer.status).toBe(200);
  // ...and the others left to expire: the ApprovalProcessor two hours on.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 2 * 3600_000);
  try {
    const url = queueUrl("PendingApprovals");
    for (;;) {
      const event = await receiveSqsEvent(url);
      if (event.Records.length === 0) break;
      keep("PendingApprovals", event);
      const response = await approvalProcessor(event, lambdaContext("ApprovalProcessor"));
      await deleteSucceeded(url, event, response.batchItemFailures);
    }
  } finally {
    vi.useRealTimers();
  }
  await takeAll();
}, 300_000);
afterAll(() => reader.close());

describe("the messages subscribers read", () => {
  it("were all sent: each kind, pattern alerts of every severity and a threshold alert", () => {
    const kinds = new Set(received.map((m) => `${m.channel} ${m.body.type ?? "record"}`));
    expect([...kinds].sort()).toEqual([
      "AlertApprovalRequests approvalExpired",
      "AlertApprovalRequests approvalRequest",
      "AlertQueue record",
      "PendingApprovals record",
      "RejectedMarketData record",
      "TradingAlerts alert",
      "TradingAlerts lifecycle",
    ]);
    const alerts = received.flatMap((m) => (m.body.type === "alert" ? [m.body] : []));
    const severities = new Set(alerts.map((m) => (m.alert as { severity: string }).severity));
    expect([...severities].sort()).toEqual([...SEVERITIES].sort());
    expect(alerts.some((m) => m.approvedBy === "alice")).toBe(true);
    expect(alerts.some((m) => (m.alert as { source: string }).source === "threshold")).toBe(true);
    const events = new Set(received.map((m) => m.body.event).filter(Boolean));
    expect([...events].sort()).toEqual(["breakout", "resolved"]);
    expect(received.filter((m) => m.channel === "RejectedMarketData")).toHaveLength(3);
  });

  it("carry each alert in the status it is in when sent: PUBLISHED, APPROVED by its approver, PENDING_APPROVAL", () => {
    const statuses = new Set(
      received.flatMap(({ body }) => {
        const alert = body.alert as { status: string } | undefined;
        return alert
          ? [`${body.type} ${alert.status}${body.approvedBy ? ` by ${body.approvedBy}` : ""}`]
          : [];
      }),
    );
    expect([...statuses].sort()).toEqual([
      "alert APPROVED by alice",
      "alert PUBLISHED",
      "approvalRequest PENDING_APPROVAL",
    ]);
  });

  for (const channel of [
    "TradingAlerts",
    "AlertApprovalRequests",
    "RejectedMarketData",
    "AlertQueue",
    "PendingApprovals",
  ] as const) {
    it(`${channel}: every body matches its schema, closed, with the subject and attributes documented`, () => {
      const validate = closedValidator(messageJsonSchema(channel));
      const mine = received.filter((m) => m.channel === channel);
      expect(mine.length).toBeGreaterThan(0);
      const misses = mine.flatMap((message) => [
        ...validate(message.body).map((miss) => `${message.body.type ?? "record"}: ${missLine(miss)}`),
      ]);
      expect([...new Set(misses)]).toEqual([]);
      for (const message of mine)
        expect
          .soft({ subject: message.subject, attributes: message.attributes })
          .toEqual(expectedEnvelope(message));
    });
  }

  it("TradingAlerts and AlertApprovalRequests: every body also matches its topic's webhook in GET /openapi.json, closed", async () => {
    const contract = await contractDocument();
    const validate = schemaValidator(contract);
    const misses = received.flatMap(({ channel, body }) => {
      if (channel !== "TradingAlerts" && channel !== "AlertApprovalRequests") return [];
      const schema =
        contract.document.webhooks[channel]?.post?.requestBody?.content?.["application/json"]?.schema;
      if (!schema) return [`${channel} has no webhook in the document`];
      return validate(schema, body).map((miss) => `${channel} ${body.type}: ${missLine(miss)}`);
    });
    expect([...new Set(misses)]).toEqual([]);
  });

  it("the strict reading would catch a field no schema names", () => {
    const validate = closedValidator(messageJsonSchema("TradingAlerts"));
    const alert = received.find((m) => m.body.type === "alert")?.body.alert as Record<string, unknown>;
    expect(validate({ type: "alert", alert })).toEqual([]);
    expect(validate({ type: "alert", alert: { ...alert, claimedAt: "2024-01-01" } }).length).toBeGreaterThan(
      0,
    );
  });
});
