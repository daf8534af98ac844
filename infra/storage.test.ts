// Storage and messaging as declared: the rotated KMS key on every store, the tables from core's catalog,
// the queues with their DLQs, the set-aside queues, the topics, and the WAF log bucket.
import {
  APPROVAL_DEFERRALS,
  QUEUE_URL_OUTPUTS,
  QUEUES,
  SET_ASIDE_QUEUES,
  TABLES,
} from "@stock-patterns/core/catalog";
import { describe, expect, inject, it } from "vitest";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import { MOCK_ACCOUNT, MOCK_REGION } from "../scripts/synth/mocks";

const graph: SynthGraph = inject("production");
const DATA_KEY = "arn:aws:kms:us-east-1:123456789012:key/DataKey";

describe("KMS", () => {
  it("declares one customer-managed key with yearly rotation", () => {
    const keys = ofType(graph, "aws:kms/key:Key");
    expect(keys).toHaveLength(1);
    expect(keys[0]?.inputs).toMatchObject({ enableKeyRotation: true });
  });

  it("lets the account administer the key and only the services that deliver into it use it, for this app", () => {
    const policy = JSON.parse(String(resource(graph, "aws:kms/key:Key", "DataKey").inputs.policy));
    expect(policy.Statement[0]).toMatchObject({
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
      Action: "kms:*",
    });
    const services = policy.Statement.slice(1) as {
      Principal: { Service: string };
      Action: string[];
      Condition: { StringEquals: Record<string, string>; ArnLike: Record<string, string> };
    }[];
    expect(services.map((s) => s.Principal.Service).sort()).toEqual([
      "cloudwatch.amazonaws.com",
      "events.amazonaws.com",
    ]);
    const sourceOf = (service: string) => {
      const statement = services.find((s) => s.Principal.Service === service);
      expect(statement?.Condition.StringEquals).toEqual({ "aws:SourceAccount": "123456789012" });
      expect(statement?.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
      const pattern = String(statement?.Condition.ArnLike["aws:SourceArn"]);
      return new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace("*", ".*")}$`);
    };
    // EventBridge delivers the alarm-state rule's events into the encrypted AlertQueue.
    const queueTargets = ofType(graph, "aws:cloudwatch/eventTarget:EventTarget").filter((t) =>
      String(t.inputs.arn).startsWith("arn:aws:sqs:"),
    );
    expect(queueTargets.length).toBeGreaterThan(0);
    const rules = ofType(graph, "aws:cloudwatch/eventRule:EventRule");
    for (const target of queueTargets) {
      const rule = rules.find((r) => r.inputs.name === target.inputs.rule);
      expect(`arn:aws:events:us-east-1:123456789012:rule/${String(rule?.inputs.name)}`).toMatch(
        sourceOf("events.amazonaws.com"),
      );
    }
    // CloudWatch alarms that notify an encrypted topic.
    const notifying = ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm").filter(
      (a) => ((a.inputs.alarmActions ?? []) as string[]).length > 0,
    );
    expect(notifying.length).toBeGreaterThan(0);
    for (const alarm of notifying)
      expect(`arn:aws:cloudwatch:us-east-1:123456789012:alarm:${String(alarm.inputs.name)}`).toMatch(
        sourceOf("cloudwatch.amazonaws.com"),
      );
    expect("arn:aws:cloudwatch:us-east-1:123456789012:alarm:other-app-alarm").not.toMatch(
      sourceOf("cloudwatch.amazonaws.com"),
    );
    // No SNS subscription delivers into a queue, so SNS has no use for the key.
    expect(ofType(graph, "aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
  });
});

describe("DynamoDB", () => {
  const tables = ofType(graph, "aws:dynamodb/table:Table");

  it("declares every catalog table on demand, with point-in-time recovery and the data key", () => {
    expect(tables.map((t) => t.name).sort()).toEqual(
      Object.keys(TABLES)
        .map((n) => `${n}Table`)
        .sort(),
    );
    for (const table of tables) {
      expect(table.inputs, table.name).toMatchObject({
        billingMode: "PAY_PER_REQUEST",
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn: DATA_KEY },
      });
    }
  });

  it("keys TradingPatterns by patternId and timestamp, with an index by symbol and time", () => {
    const table = resource(graph, "aws:dynamodb/table:Table", "TradingPatternsTable");
    expect(table.inputs).toMatchObject({ hashKey: "patternId", rangeKey: "timestamp" });
    expect(table.inputs.globalSecondaryIndexes).toEqual([
      expect.objectContaining({
        name: "bySymbol",
        hashKey: "symbol",
        rangeKey: "timestamp",
        projectionType: "ALL",
      }),
    ]);
  });

  it("keys ApprovalTracking by token hash, with an index by alert and a sparse one of open approvals by deadline", () => {
    const table = resource(graph, "aws:dynamodb/table:Table", "ApprovalTrackingTable");
    expect(table.inputs.hashKey).toBe("tokenHash");
    // openByDeadline holds only items with both its keys: openFeed is written with a PENDING request and
    // removed at its close, so the sweep and the PENDING list read open approvals only. The deadline is a
    // number, so `deadlineEpoch < :now` compares epochs, not text.
    expect(table.inputs.globalSecondaryIndexes).toEqual([
      expect.objectContaining({ name: "byAlert", hashKey: "alertId", projectionType: "ALL" }),
      expect.objectContaining({
        name: "openByDeadline",
        hashKey: "openFeed",
        rangeKey: "deadlineEpoch",
        projectionType: "ALL",
      }),
    ]);
    expect(table.inputs.attributes).toEqual(
      expect.arrayContaining([
        { name: "openFeed", type: "S" },
        { name: "deadlineEpoch", type: "N" },
      ]),
    );
  });

  it("keys Alerts by id, with the feed by creation time, a sparse, keys-only one of unfinished alerts and one by symbol", () => {
    const table = resource(graph, "aws:dynamodb/table:Table", "AlertsTable");
    expect(table.inputs.hashKey).toBe("alertId");
    // unfinishedByCreatedAt holds an alert from its put until the sweep has seen it finished; keys only, so
    // an alert's moves and marks write nothing to it (the sweep reads each alert itself).
    expect(table.inputs.globalSecondaryIndexes).toEqual([
      expect.objectContaining({
        name: "byCreatedAt",
        hashKey: "feed",
        rangeKey: "createdAt",
        projectionType: "ALL",
      }),
      expect.objectContaining({
        name: "unfinishedByCreatedAt",
        hashKey: "unfinishedFeed",
        rangeKey: "createdAt",
        projectionType: "KEYS_ONLY",
      }),
      // GET /alerts?symbol= lists a symbol's alerts from here, filtered by status and severity, then reads
      // the page's alerts from the table. Only those two are projected besides the keys, so an update that
      // changes neither (a claim's or a catch-up's mark) writes nothing to the index, and an entry is keys
      // and two short strings, not the whole alert: AWS's "Attribute projections" and "Writing to a global
      // secondary index" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html). A
      // projection cannot change on a live index: another one is a new index (docs/deploy.md).
      expect.objectContaining({
        name: "bySymbol",
        hashKey: "symbol",
        rangeKey: "createdAt",
        projectionType: "INCLUDE",
        nonKeyAttributes: ["status", "severity"],
      }),
    ]);
    expect(table.inputs.attributes).toContainEqual({ name: "symbol", type: "S" });
  });

  it("expires approvals through the catalog's TTL attribute and keys each symbol's window", () => {
    const approvals = resource(graph, "aws:dynamodb/table:Table", "ApprovalTrackingTable");
    // The name itself is pinned, not only the catalog's: a deployed table's TTL attribute changes only by an
    // UpdateTimeToLive, one per table an hour, taking up to an hour, and its stored items keep their values
    // under the old name. Approvals keep it and write how long they are kept into it (keptClosedUntil).
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
    expect(approvals.inputs.ttl).toEqual({ attributeName: "expiresAtEpoch", enabled: true });
    expect(TABLES.ApprovalTracking.ttlAttribute).toBe("expiresAtEpoch");
    const windows = resource(graph, "aws:dynamodb/table:Table", "SymbolWindowsTable");
    expect(windows.inputs.hashKey).toBe(TABLES.SymbolWindows.partitionKey);
    // Every evidence snapshot expires through the TTL attribute the repository writes (EVIDENCE_RETENTION:
    // a series' 90 days, pooled ones a day); TTL reads epoch seconds and deletes some time after them,
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html.
    const snapshots = resource(graph, "aws:dynamodb/table:Table", "EvidenceSnapshotsTable");
    expect(snapshots.inputs).toMatchObject({
      hashKey: TABLES.EvidenceSnapshots.partitionKey,
      rangeKey: TABLES.EvidenceSnapshots.sortKey,
      ttl: { attributeName: TABLES.EvidenceSnapshots.ttlAttribute, enabled: true },
    });
  });
  it("lets TTL delete the detections that carry an expiry (RECORD_RETENTION_DAYS), under the attribute the writers use", () => {
    // A table has one TTL attribute; an item without it, or with a value in the future, is never deleted,
    // so enabling TTL changes nothing until a retention is set. DynamoDB deletes an expired item at no
    // charge, typically within a few days, and reads still return it until then: GET /patterns filters it.
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
    const table = resource(graph, "aws:dynamodb/table:Table", "TradingPatternsTable");
    expect(table.inputs.ttl).toEqual({ attributeName: "expiresAtEpoch", enabled: true });
    expect(TABLES.TradingPatterns.ttlAttribute).toBe("expiresAtEpoch");
  });
  it("lets TTL delete the alerts that carry an expiry (finished under RECORD_RETENTION_DAYS), under the attribute the writers use", () => {
    // Only the write that finishes an alert sets it (packages/functions/src/alerts/retention.ts); an alert
    // still unfinished, or any under no retention, carries none and is kept. Reads pass over an expired one.
    const table = resource(graph, "aws:dynamodb/table:Table", "AlertsTable");
    expect(table.inputs.ttl).toEqual({ attributeName: "expiresAtEpoch", enabled: true });
    expect(TABLES.Alerts.ttlAttribute).toBe("expiresAtEpoch");
  });
});

describe("SQS", () => {
  const queue = (name: string) => resource(graph, "aws:sqs/queue:Queue", `${name}Queue`).inputs;

  it.each(Object.entries(QUEUES))("declares %s with its retention, visibility and redrive", (name, spec) => {
    const main = queue(name);
    expect(main).toMatchObject({
      messageRetentionSeconds: spec.retentionSeconds,
      visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
      kmsMasterKeyId: DATA_KEY,
    });
    const redrive = JSON.parse(String(main.redrivePolicy));
    expect(redrive.maxReceiveCount).toBe(spec.maxReceiveCount);
    const dlq = queue(`${name}DLQ`);
    expect(redrive.deadLetterTargetArn).toContain(String(dlq.name));
    expect(dlq).toMatchObject({ messageRetentionSeconds: 14 * 86_400, kmsMasterKeyId: DATA_KEY });
  });

  it.each(Object.entries(QUEUES))(
    "keeps %s's dead letters longer than the queue keeps its messages",
    (name) => {
      // A standard queue's message expires by its first enqueue time, also in the DLQ: "it is a best practice
      // to always set the retention period of a dead-letter queue to be longer than the retention period of
      // the original queue".
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
      expect(Number(queue(`${name}DLQ`).messageRetentionSeconds)).toBeGreaterThan(
        Number(queue(name).messageRetentionSeconds),
      );
    },
  );

  // "The dead-letter queue of a FIFO queue must also be a FIFO queue. Similarly, the dead-letter queue of a
  // standard queue must also be a standard queue", in the same account and region.
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
  it.each(Object.entries(QUEUES))(
    "gives %s a dead-letter queue of its own type, in its account and region",
    (name) => {
      const main = queue(name);
      const dlq = queue(`${name}DLQ`);
      expect(Boolean(dlq.fifoQueue)).toBe(Boolean(main.fifoQueue));
      const target = String(JSON.parse(String(main.redrivePolicy)).deadLetterTargetArn);
      expect(target).toBe(`arn:aws:sqs:${MOCK_REGION}:${MOCK_ACCOUNT}:${String(dlq.name)}`);
    },
  );

  it.each(Object.entries(SET_ASIDE_QUEUES))(
    "declares set-aside %s under the data key, kept, its largest message said, with no DLQ",
    (name, spec) => {
      expect(queue(name)).toMatchObject({
        messageRetentionSeconds: spec.retentionSeconds,
        maxMessageSize: spec.maxMessageBytes,
        kmsMasterKeyId: DATA_KEY,
      });
      expect(queue(name).redrivePolicy).toBeUndefined();
    },
  );

  it("keeps rejected market data 14 days, beyond the stream's 24 hours and the logs' week", () => {
    expect(queue("RejectedMarketData").messageRetentionSeconds).toBe(1_209_600);
  });

  it("matches the issue's numbers: 4 days / 300 s / 3 receives, and 2 h for approvals", () => {
    expect(queue("AlertQueue")).toMatchObject({
      messageRetentionSeconds: 345_600,
      visibilityTimeoutSeconds: 300,
    });
    expect(JSON.parse(String(queue("AlertQueue").redrivePolicy)).maxReceiveCount).toBe(3);
    expect(queue("PendingApprovals").visibilityTimeoutSeconds).toBe(7200);
  });

  // The ApprovalProcessor's receive that defers a message not yet due counts as one (core's
  // APPROVAL_DEFERRALS: 1 under the hour's TTL), so a due approval still gets AlertQueue's 3 tries.
  it("dead-letters a PendingApprovals message after 4 receives: one deferral, then 3 tries at its expiry", () => {
    expect(APPROVAL_DEFERRALS).toBe(1);
    expect(JSON.parse(String(queue("PendingApprovals").redrivePolicy)).maxReceiveCount).toBe(4);
  });

  it("encrypts every queue with the data key", () => {
    const queues = ofType(graph, "aws:sqs/queue:Queue");
    expect(queues).toHaveLength(Object.keys(QUEUE_URL_OUTPUTS).length);
    for (const q of queues) expect(q.inputs.kmsMasterKeyId, q.name).toBe(DATA_KEY);
  });
});

describe("SNS", () => {
  it("declares TradingAlerts and AlertApprovalRequests, every topic under the data key", () => {
    const topics = ofType(graph, "aws:sns/topic:Topic");
    expect(topics.map((t) => t.name)).toEqual(
      expect.arrayContaining(["TradingAlertsTopic", "AlertApprovalRequestsTopic"]),
    );
    for (const topic of topics) expect(topic.inputs.kmsMasterKeyId, topic.name).toBe(DATA_KEY);
  });
});

describe("WAF log bucket", () => {
  it("is named aws-waf-logs-… and tiers the objects WAF writes (under AWSLogs/) to Intelligent-Tiering from day 0", () => {
    const bucket = resource(graph, "aws:s3/bucketV2:BucketV2", "WafLogBucket");
    expect(String(bucket.inputs.bucketPrefix)).toMatch(/^aws-waf-logs-/);
    const lifecycle = resource(
      graph,
      "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
      "WafLogBucketLifecycle",
    );
    expect(lifecycle.inputs.rules).toEqual([
      expect.objectContaining({
        status: "Enabled",
        filter: { prefix: "AWSLogs/" },
        transitions: [{ days: 0, storageClass: "INTELLIGENT_TIERING" }],
      }),
    ]);
  });
});
