// Which stage names this app can deploy. The stage is part of many physical names; the tightest is the WAF
// log bucket's prefix, which must begin a valid S3 bucket name. sst.config.ts checks the name in app(), which SST
// evaluates before it creates anything, so a bad name fails at once with the reason instead of halfway
// through a deploy. SST itself accepts letters (any case), digits and dashes
// (sst/sst pkg/project: InvalidStageRegex); S3 is stricter.

/** The app's name, the first part of every physical name. */
export const APP_NAME = "stock-patterns";

/** The region every stage deploys to: AWS publishes billing metrics (the billing alarm's) only in us-east-1. */
export const APP_REGION = "us-east-1";

/**
 * How the WAF log bucket's name begins; the AWS provider completes it with a unique suffix when it creates the
 * bucket (`bucketPrefix`). AWS WAF logs only to buckets named `aws-waf-logs-…`. The bucket outlives a removed
 * production stage (`removal: "retain"`), so a name fixed by the stage would be taken when the stage is deployed
 * again; a drawn suffix gives each deploy its own. The app's name is left out: the prefix may hold 37 characters.
 * https://docs.aws.amazon.com/waf/latest/developerguide/logging-s3.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * @example
 * wafLogBucketPrefix("production") // "aws-waf-logs-production-"
 */
export function wafLogBucketPrefix(stage: string): string {
  return `aws-waf-logs-${stage}-`;
}

/** The AWS provider's limit on `bucketPrefix`: its unique suffix (26 characters) fills S3's 63 to the limit. */
export const BUCKET_PREFIX_MAX = 37;

/** The longest stage whose WAF log bucket prefix fits the provider's limit (23). */
export const MAX_STAGE_LENGTH = BUCKET_PREFIX_MAX - wafLogBucketPrefix("").length;

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
    return `${rule}: the WAF log bucket's prefix "${wafLogBucketPrefix(stage)}" would pass the ${BUCKET_PREFIX_MAX} characters S3's limit on bucket names leaves it`;
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
