// Stage names: every physical name this app builds from the stage stays within its AWS limit for the longest
// stage app() accepts, so a stage that passes the check cannot fail a deploy on a name.
import { describe, expect, inject, it } from "vitest";
import { ofType, type SynthGraph } from "../scripts/synth/graph";
import { alarmNamePrefix, MAX_STAGE_LENGTH, stageNameProblem, wafLogBucketPrefix } from "./stage-name";

const graph: SynthGraph = inject("production");
const STAGE = "production";

/**
 * Names this app sets itself (SST shortens the names it generates), with the limit of each API:
 * EventBridge PutRule Name 64 `[.\-_A-Za-z0-9]+`; Step Functions CreateStateMachine name 80; CloudWatch
 * PutMetricAlarm AlarmName 255, PutDashboard DashboardName 255; CloudWatch Logs log group 512; CodeDeploy
 * application and deployment group 100; KMS alias 256; WAFv2 WebACL name 128; Kinesis consumer name 128.
 */
const LIMITS: [type: string, field: string, max: number, pattern?: RegExp][] = [
  ["aws:cloudwatch/eventRule:EventRule", "name", 64, /^[.\-_A-Za-z0-9]+$/],
  ["aws:sfn/stateMachine:StateMachine", "name", 80],
  ["aws:cloudwatch/metricAlarm:MetricAlarm", "name", 255],
  ["aws:cloudwatch/dashboard:Dashboard", "dashboardName", 255],
  ["aws:cloudwatch/logGroup:LogGroup", "name", 512],
  ["aws:codedeploy/application:Application", "name", 100],
  ["aws:codedeploy/deploymentGroup:DeploymentGroup", "deploymentGroupName", 100],
  ["aws:kms/alias:Alias", "name", 256],
  ["aws:wafv2/webAcl:WebAcl", "name", 128],
  ["aws:kinesis/streamConsumer:StreamConsumer", "name", 128],
];

describe("names built from the stage", () => {
  it.each(LIMITS)("%s %s fits its limit with the longest accepted stage", (type, field, max, pattern) => {
    const names = ofType(graph, type)
      .map((r) => String(r.inputs[field]))
      .filter((name) => name.includes(STAGE));
    expect(names.length, type).toBeGreaterThan(0);
    for (const name of names) {
      const longest = name.replaceAll(STAGE, "s".repeat(MAX_STAGE_LENGTH));
      expect(longest.length, longest).toBeLessThanOrEqual(max);
      if (pattern) expect(longest).toMatch(pattern);
    }
  });

  // The AWS provider takes a bucketPrefix of at most 37 characters and appends 26 (a timestamp and a counter).
  it("gives the WAF log bucket a prefix S3, WAF and the provider accept, at most 37 characters with the longest stage", () => {
    const bucket = ofType(graph, "aws:s3/bucketV2:BucketV2").find((b) => b.name === "WafLogBucket");
    expect(bucket?.inputs.bucketPrefix).toBe(wafLogBucketPrefix(STAGE));
    const longest = wafLogBucketPrefix("s".repeat(MAX_STAGE_LENGTH));
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
