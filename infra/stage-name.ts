// Which stage names this app can deploy. The stage is part of many physical names; the tightest is the WAF
// log bucket, which must be a valid S3 bucket name. sst.config.ts checks the name in app(), which SST
// evaluates before it creates anything, so a bad name fails at once with the reason instead of halfway
// through a deploy. SST itself accepts letters (any case), digits and dashes
// (sst/sst pkg/project: InvalidStageRegex); S3 is stricter.

/** The app's name, the first part of every physical name. */
export const APP_NAME = "stock-patterns";

/** The region every stage deploys to: AWS publishes billing metrics (the billing alarm's) only in us-east-1. */
export const APP_REGION = "us-east-1";

/** A 12-digit account id, the length every AWS account id has. */
const ANY_ACCOUNT = "123456789012";

/**
 * The WAF log bucket's name. AWS WAF logs only to buckets named `aws-waf-logs-…`; S3 bucket names are
 * 3-63 characters of lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit.
 * https://docs.aws.amazon.com/waf/latest/developerguide/logging-s3.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * @example
 * wafLogBucketName("production", "123456789012") // "aws-waf-logs-stock-patterns-production-123456789012"
 */
export function wafLogBucketName(stage: string, accountId: string): string {
  return `aws-waf-logs-${APP_NAME}-${stage}-${accountId}`;
}

/** S3's limit on a bucket name. */
export const S3_BUCKET_NAME_MAX = 63;

/** The longest stage whose WAF log bucket name fits S3's limit (22). */
export const MAX_STAGE_LENGTH = S3_BUCKET_NAME_MAX - wafLogBucketName("", ANY_ACCOUNT).length;

/** Lowercase letters and digits in dash-separated words, starting with a letter. */
const STAGE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * How every alarm name of `stage` begins, and no other stage's: the stage and two dashes. A stage holds
 * only single dashes and never ends with one (STAGE_PATTERN), so "alice--" cannot begin "alice-2--…" as
 * "alice-" begins "alice-2-…". The alarm-state rule (schedule.ts) and the data key's CloudWatch grant
 * (storage.ts) match a stage's alarms by this prefix: an EventBridge pattern can test a name's prefix, but
 * cannot also exclude longer stages on the same field.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * @example
 * alarmNamePrefix("alice") // "stock-patterns-alice--"
 */
export function alarmNamePrefix(stage: string): string {
  return `${APP_NAME}-${stage}--`;
}

/**
 * Why `stage` cannot be deployed, or undefined when it can.
 * @example
 * stageNameProblem("pr-42") // undefined
 * stageNameProblem("Alice") // "use lowercase letters, …"
 */
export function stageNameProblem(stage: string): string | undefined {
  const rule = `use 1-${MAX_STAGE_LENGTH} lowercase letters, digits and single dashes, starting with a letter`;
  if (!STAGE_PATTERN.test(stage)) return `${rule} (it names S3 buckets, which allow no other characters)`;
  if (stage.length > MAX_STAGE_LENGTH) {
    return `${rule}: "${wafLogBucketName(stage, ANY_ACCOUNT)}" would pass S3's ${S3_BUCKET_NAME_MAX}-character limit on bucket names`;
  }
  return undefined;
}

/**
 * Throws with the reason when `stage` cannot be deployed.
 * @example
 * assertDeployableStage($app.stage);
 */
export function assertDeployableStage(stage: string): void {
  const problem = stageNameProblem(stage);
  if (problem) throw new Error(`Stage "${stage}" cannot be deployed: ${problem}.`);
}
