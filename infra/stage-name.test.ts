// Stage names: every physical name built from the stage stays within its AWS limit for the longest stage
// app() accepts, so a stage that passes the check cannot fail a deploy on a name. The names are read from a
// synth of that stage: those this app sets, and those SST draws (physicalName: the app and the stage,
// shortened to fit, then a random suffix).
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { grants, ofType, type SynthGraph } from "../scripts/synth/graph";
import { arnLike } from "../scripts/synth/matching";
import { synthesize } from "../scripts/synth/synthesize";
import { alarmNamePrefix, MAX_STAGE_LENGTH, stageNameProblem, wafLogBucketPrefix } from "./stage-name";

/** The longest stage, of a letter SST's random suffixes never hold (naming.ts PRETTY_CHARS), so any run of it is the stage. */
const LONGEST = "q".repeat(MAX_STAGE_LENGTH);
/** Part of the stage: SST shortens the stage itself in some names (CloudFront functions), not only the app's name. */
const STAGE_PART = "qqqq";
let graph: SynthGraph;

beforeAll(async () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  graph = (await synthesize({ stage: LONGEST, root })).graph;
}, 120_000);

/**
 * Each name field built from the stage, with the limit of its API:
 * EventBridge PutRule Name 64 `[.\-_A-Za-z0-9]+`; Step Functions CreateStateMachine name 80; CloudWatch
 * PutMetricAlarm AlarmName 255, PutDashboard DashboardName 255 `[A-Za-z0-9_-]`; CloudWatch Logs log group 512
 * `[.\-_/#A-Za-z0-9]+`; CodeDeploy application and deployment group 100; KMS alias 256; WAFv2 WebACL name 128
 * `[\w-]+`; Kinesis stream and consumer 128 `[a-zA-Z0-9_.-]+`; Lambda CreateFunction FunctionName 64; IAM
 * CreateRole RoleName 64 `[\w+=,.@-]+`; SQS queue 80 and SNS topic 256 `[A-Za-z0-9_-]`; DynamoDB table 3-255
 * `[a-zA-Z0-9_.-]+`; CloudFront function and key value store 64 `[a-zA-Z0-9-_]`; S3 bucket 3-63, lowercase
 * letters, digits, dots and dashes (a prefix the AWS provider completes: 37).
 */
const LIMITS: [type: string, field: string, max: number, pattern?: RegExp][] = [
  ["aws:cloudwatch/eventRule:EventRule", "name", 64, /^[.\-_A-Za-z0-9]+$/],
  ["aws:sfn/stateMachine:StateMachine", "name", 80],
  ["aws:cloudwatch/metricAlarm:MetricAlarm", "name", 255],
  ["aws:cloudwatch/dashboard:Dashboard", "dashboardName", 255, /^[A-Za-z0-9_-]+$/],
  ["aws:cloudwatch/logGroup:LogGroup", "name", 512, /^[.\-_/#A-Za-z0-9]+$/],
  ["aws:codedeploy/application:Application", "name", 100],
  ["aws:codedeploy/deploymentGroup:DeploymentGroup", "deploymentGroupName", 100],
  ["aws:kms/alias:Alias", "name", 256, /^alias\/[a-zA-Z0-9/_-]+$/],
  ["aws:wafv2/webAcl:WebAcl", "name", 128, /^[\w-]+$/],
  ["aws:kinesis/stream:Stream", "name", 128, /^[a-zA-Z0-9_.-]+$/],
  ["aws:kinesis/streamConsumer:StreamConsumer", "name", 128, /^[a-zA-Z0-9_.-]+$/],
  ["aws:lambda/function:Function", "name", 64, /^[a-zA-Z0-9_-]+$/],
  ["aws:iam/role:Role", "name", 64, /^[\w+=,.@-]+$/],
  ["aws:sqs/queue:Queue", "name", 80, /^[A-Za-z0-9_-]+$/],
  ["aws:sns/topic:Topic", "name", 256, /^[A-Za-z0-9_-]+$/],
  ["aws:dynamodb/table:Table", "name", 255, /^[a-zA-Z0-9_.-]{3,}$/],
  ["aws:cloudfront/function:Function", "name", 64, /^[a-zA-Z0-9_-]+$/],
  ["aws:cloudfront/keyValueStore:KeyValueStore", "name", 64, /^[a-zA-Z0-9_-]+$/],
  ["aws:s3/bucketV2:BucketV2", "bucket", 63, /^[a-z0-9][a-z0-9.-]+[a-z0-9]$/],
  ["aws:s3/bucketV2:BucketV2", "bucketPrefix", 37, /^[a-z0-9][a-z0-9.-]+$/],
];

/** Name fields with no documented length limit: API Gateway's CreateRestApi name. */
const UNLIMITED = ["aws:apigateway/restApi:RestApi name"];

/**
 * The inputs that name a resource; the others that hold the stage refer to another resource by its name
 * (a bucket's settings name their bucket in `bucket`).
 */
const isNameField = (type: string, field: string) =>
  field === "bucket"
    ? type === "aws:s3/bucketV2:BucketV2"
    : ["name", "bucketPrefix", "dashboardName", "deploymentGroupName"].includes(field);

describe("names built from the stage", () => {
  it.each(LIMITS)("%s %s fits its limit with the longest accepted stage", (type, field, max, pattern) => {
    const names = graph.resources
      .filter((r) => r.type === type)
      .map((r) => r.inputs[field])
      .filter((name): name is string => typeof name === "string" && name.includes(STAGE_PART));
    expect(names.length, type).toBeGreaterThan(0);
    for (const name of names) {
      expect(name.length, name).toBeLessThanOrEqual(max);
      if (pattern) expect(name).toMatch(pattern);
    }
  });

  it("has a limit above for every name field the stage is part of", () => {
    const covered = new Set([...LIMITS.map(([type, field]) => `${type} ${field}`), ...UNLIMITED]);
    const named = graph.resources.flatMap((r) =>
      Object.entries(r.inputs)
        .filter(([field, value]) => isNameField(r.type, field) && String(value).includes(STAGE_PART))
        .map(([field]) => `${r.type} ${field}`),
    );
    expect(named.length).toBeGreaterThan(LIMITS.length);
    expect([...new Set(named)].filter((typeField) => !covered.has(typeField))).toEqual([]);
  });

  // SST shortens the app's part of a long stage's function names (stock-p-qqq…-KinesisConsumerFunction-…):
  // the PatternDetector's tuning rights name them as SST does (infra/tuning.ts), so each still meets one.
  it("names every function in the PatternDetector's tuning rights as SST named it, shortened or not", () => {
    const functionArns = ofType(graph, "aws:lambda/function:Function").map(
      (fn) => `arn:aws:lambda:us-east-1:123456789012:function:${String(fn.inputs.name)}`,
    );
    expect(functionArns.filter((arn) => !arn.includes(":function:stock-patterns-"))).not.toEqual([]);
    const patterns = grants(graph, "PatternDetector")
      .filter((g) => g.action === "lambda:UpdateFunctionConfiguration")
      .map((g) => g.resource);
    for (const arn of functionArns)
      expect(
        patterns.filter((pattern) => arnLike(pattern, arn)),
        arn,
      ).toHaveLength(1);
    expect(patterns).toHaveLength(functionArns.length);
  });

  // The AWS provider takes a bucketPrefix of at most 37 characters and appends 26 (a timestamp and a counter).
  it("gives the WAF log bucket a prefix S3, WAF and the provider accept, at most 37 characters with the longest stage", () => {
    const bucket = graph.resources.find(
      (b) => b.type === "aws:s3/bucketV2:BucketV2" && b.name === "WafLogBucket",
    );
    expect(bucket?.inputs.bucketPrefix).toBe(wafLogBucketPrefix(LONGEST));
    const longest = wafLogBucketPrefix(LONGEST);
    expect(longest).toHaveLength(37);
    expect(`${longest}${"2".repeat(26)}`).toMatch(/^aws-waf-logs-[a-z0-9][a-z0-9.-]{0,48}[a-z0-9]$/);
  });
});

describe("stageNameProblem", () => {
  it("accepts the stages the docs use and refuses what S3 or SST would", () => {
    for (const ok of ["production", "alice", "pr-42", "s".repeat(MAX_STAGE_LENGTH)])
      expect(stageNameProblem(ok), ok).toBeUndefined();
    for (const bad of [
      "",
      "Alice",
      "pr_42",
      "9lives",
      "pr-",
      "a--b",
      "a.b",
      "s".repeat(MAX_STAGE_LENGTH + 1),
    ])
      expect(stageNameProblem(bad), bad).toMatch(/^use 1-23 lowercase letters, digits and single dashes/);
  });
});

describe("alarmNamePrefix", () => {
  it("begins no alarm name of another accepted stage, even one whose name begins with this one's", () => {
    const stages = ["alice", "alice-2", "a", "a-b", "a-b-c", "production", "production-eu", "pr-4", "pr-42"];
    for (const stage of stages) expect(stageNameProblem(stage), stage).toBeUndefined();
    for (const stage of stages)
      for (const other of stages) {
        const otherAlarm = `${alarmNamePrefix(other)}Api-error-rate`;
        expect(otherAlarm.startsWith(alarmNamePrefix(stage)), `${stage} / ${other}`).toBe(stage === other);
      }
  });
});
