// Where the system keeps its data: the customer-managed KMS key, the DynamoDB tables (key schemas from
// core's catalog) and the bucket that receives the WAF logs.
import {
  type IndexSpec,
  projectionOf,
  TABLES,
  type TableName,
  type TableSpec,
} from "@stock-patterns/core/catalog";
import { accountId, alarmPrefix, alarmStateRuleName, partition, prefix, region } from "./account";
import { wafLogBucketPrefix } from "./stage-name";

/**
 * AWS services that deliver into our encrypted queues and topics, and what of ours may make them do it:
 * this stage's alarm-state rule (the one rule sending to an encrypted target, the AlertQueue) and this
 * stage's CloudWatch alarms (the billing alarm notifies the BillingAlarms topic). Nothing delivers
 * through SNS into a queue, so SNS gets no grant. aws:SourceAccount and aws:SourceArn keep another
 * account's, app's or stage's rule or alarm from using the key through the same service (the confused
 * deputy).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-least-privilege-policy.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html (AWS KMS permissions for AWS services)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
const DELIVERING_SERVICES = [
  {
    service: "events",
    arn: $interpolate`arn:${partition}:events:${region}:${accountId}:rule/${alarmStateRuleName}`,
  },
  {
    service: "cloudwatch",
    arn: $interpolate`arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${alarmPrefix}*`,
  },
];

const serviceUse = DELIVERING_SERVICES.map(({ service, arn }) => ({
  Sid: `Allow${service}`,
  Effect: "Allow",
  Principal: { Service: `${service}.amazonaws.com` },
  Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
  Resource: "*",
  Condition: {
    StringEquals: { "aws:SourceAccount": accountId },
    ArnLike: { "aws:SourceArn": arn },
  },
}));

/**
 * The customer-managed key (rotated yearly) encrypting the stream, queues, topics and tables. Wherever
 * the tables outlive their stage (`removal` other than "remove"), so does the key: a retained table whose
 * key was deleted could never be read again.
 */
export const dataKey = new aws.kms.Key(
  "DataKey",
  {
    description: `${prefix}: market data, alerts and approvals`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: $jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministers",
          Effect: "Allow",
          Principal: { AWS: $interpolate`arn:${partition}:iam::${accountId}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        ...serviceUse,
      ],
    }),
  },
  { retainOnDelete: $app.removal !== "remove" },
);

new aws.kms.Alias("DataKeyAlias", { name: `alias/${prefix}-data`, targetKeyId: dataKey.keyId });

/** An index's projection as sst.aws.Dynamo takes it: "all", "keys-only", or the list of attributes. */
function sstProjection(index: IndexSpec) {
  const { type, nonKeyAttributes } = projectionOf(index);
  if (type === "INCLUDE") return [...(nonKeyAttributes ?? [])];
  return type === "KEYS_ONLY" ? "keys-only" : "all";
}

/** An on-demand table with point-in-time recovery and the data key, declared from its catalog entry. */
function table(name: TableName) {
  const spec: TableSpec = TABLES[name];
  const fields = Object.fromEntries(
    Object.entries(spec.attributes).map(
      ([attr, kind]) => [attr, kind === "S" ? "string" : "number"] as const,
    ),
  );
  return new sst.aws.Dynamo(name, {
    fields,
    primaryIndex: { hashKey: spec.partitionKey, rangeKey: spec.sortKey },
    globalIndexes: Object.fromEntries(
      (spec.indexes ?? []).map((index) => [
        index.name,
        {
          hashKey: index.partitionKey,
          rangeKey: index.sortKey,
          projection: sstProjection(index),
        },
      ]),
    ),
    // DynamoDB TTL: the catalog's attribute holds epoch seconds; items are deleted some time after it
    // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html).
    ttl: spec.ttlAttribute,
    transform: {
      table: (args) => {
        args.billingMode = "PAY_PER_REQUEST";
        args.pointInTimeRecovery = { enabled: true };
        args.serverSideEncryption = { enabled: true, kmsKeyArn: dataKey.arn };
      },
    },
  });
}

export const tradingPatterns = table("TradingPatterns");
export const alerts = table("Alerts");
export const approvalTracking = table("ApprovalTracking");
export const symbolWindows = table("SymbolWindows");
export const evidenceSnapshots = table("EvidenceSnapshots");

/**
 * Where AWS WAF writes its logs in the bucket: `AWSLogs/account-id/WAFLogs/Region/web-acl-name/…`, under
 * the plain bucket ARN it is given (the one form AWS documents:
 * https://docs.aws.amazon.com/waf/latest/developerguide/logging-s3.html, "Naming requirements and syntax").
 */
export const WAF_LOG_PREFIX = "AWSLogs/";

/**
 * WAF log bucket (its prefix from stage-name.ts, which also bounds the stage so the name stays valid); objects
 * move to Intelligent-Tiering at once.
 * Skipped under `sst dev`, like the WAF that writes to it.
 */
function wafLogStorage(): aws.s3.BucketV2 {
  // SST keeps the bucket when the stage is removed (removal "retain"); its settings stay with it, as deleting
  // them would take them off the kept bucket (its public access block, its encryption and tiering).
  const keptWithBucket = { retainOnDelete: $app.removal !== "remove" };
  const bucket = new aws.s3.BucketV2(
    "WafLogBucket",
    { bucketPrefix: wafLogBucketPrefix($app.stage), forceDestroy: $app.removal !== "retain" },
    // A stage deployed before the prefix keeps the bucket it has (`aws-waf-logs-stock-patterns-<stage>-<account>`)
    // and its logs, instead of replacing it; the name is drawn again only when the bucket is created.
    { ignoreChanges: ["bucket", "bucketPrefix"] },
  );

  new aws.s3.BucketPublicAccessBlock(
    "WafLogBucketPublicAccess",
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    keptWithBucket,
  );

  new aws.s3.BucketServerSideEncryptionConfigurationV2(
    "WafLogBucketEncryption",
    {
      bucket: bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    },
    keptWithBucket,
  );

  new aws.s3.BucketLifecycleConfigurationV2(
    "WafLogBucketLifecycle",
    {
      bucket: bucket.id,
      rules: [
        {
          id: "intelligent-tiering",
          status: "Enabled",
          filter: { prefix: WAF_LOG_PREFIX },
          transitions: [{ days: 0, storageClass: "INTELLIGENT_TIERING" }],
        },
      ],
    },
    keptWithBucket,
  );
  return bucket;
}

export const wafLogBucket = $dev ? undefined : wafLogStorage();
