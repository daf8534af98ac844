// Where power tuning may act: the app's functions, named in the PatternDetector's own policy.
//
// The rights (tuning-rights.ts) sit in the inline policy SST writes on the role it creates for the
// PatternDetector. A separate aws.iam.RolePolicy on that role would not last: SST declares the role with
// `inlinePolicies` and `managedPolicyArns`, which the AWS provider then manages exclusively, so after a
// refresh the next update of the role deletes the extra policy (the aws.iam.Role docs; pulumi/pulumi-aws#4050).
// Nor can the policy hold the functions' ARNs: the Api, one of them, depends on the PatternDetector through
// the analysis workflow. So it names them as SST does (its naming.ts: prefixName, physicalName):
// `<app>-<stage>-<Name>Function`, the app's part cut short first, then the stage's, to leave room within
// Lambda's 64 characters for a dash and an eight-character random suffix, here eight `?`s. A stage is
// lowercase words and a function's name is capitalized, so no other stage's function matches one of these.
// The rule is written here, not imported: `sst install` builds this file before SST's sources are on disk.
// The synth (which runs SST's own naming) checks every function's name against it (stage-name.test.ts).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html (`?` in an ARN)
import { FUNCTION_TIMEOUT_SECONDS, type FunctionName } from "@stock-patterns/core/catalog";
import { accountId, partition, region } from "./account";
import { LIVE_ALIAS } from "./lambda";
import { TUNING_FUNCTION_ACTIONS, TUNING_VERSION_ACTIONS } from "./tuning-rights";

/** Lambda's longest function name. */
const FUNCTION_NAME_MAX = 64;
/** What SST's physicalName adds to the prefix: a dash and eight characters drawn at random. */
const RANDOM_SUFFIX = "-????????";

/**
 * A function's name in this stage, its random suffix as `?`s.
 * @example
 * tunedFunctionName("Api") // "stock-patterns-production-ApiFunction-????????"
 */
function tunedFunctionName(name: FunctionName): string {
  return `${sstNamePrefix($app.name, $app.stage, `${name}Function`, FUNCTION_NAME_MAX - RANDOM_SUFFIX.length)}${RANDOM_SUFFIX}`;
}

/**
 * How SST begins a resource's physical name within `max` characters: app, stage and the resource's logical
 * name, dash-separated; when that is too long the app's part is cut to fit, and when even the stage and the
 * name are too long, the app is left out and the stage cut instead.
 * @example
 * sstNamePrefix("stock-patterns", "q".repeat(23), "KinesisConsumerFunction", 55) // "stock-p-qqq…q-KinesisConsumerFunction"
 */
function sstNamePrefix(app: string, stage: string, resource: string, max: number): string {
  if (resource.length + 1 >= max) return resource.slice(0, max);
  if (resource.length + stage.length + 2 >= max)
    return `${stage.slice(0, max - resource.length - 1)}-${resource}`;
  return `${app.slice(0, max - stage.length - resource.length - 2)}-${stage}-${resource}`;
}

/**
 * The PatternDetector's power-tuning rights, on every function of the catalog (itself among them). Its
 * versions' `:*` would also take the `live` alias and `$LATEST` as qualifiers: invoking those is denied, so
 * the detector cannot send traffic's own entry point a payload of its choosing (tuning invokes numbered
 * versions only).
 */
export function tuningPermissions(): sst.aws.FunctionPermissionArgs[] {
  const functionArns = (Object.keys(FUNCTION_TIMEOUT_SECONDS) as FunctionName[]).map(
    (name) =>
      $interpolate`arn:${partition}:lambda:${region}:${accountId}:function:${tunedFunctionName(name)}`,
  );
  return [
    { actions: [...TUNING_FUNCTION_ACTIONS], resources: functionArns },
    // Versions only: `function:name:*` never matches the unqualified function, so it cannot be deleted.
    { actions: [...TUNING_VERSION_ACTIONS], resources: functionArns.map((arn) => $interpolate`${arn}:*`) },
    {
      effect: "deny",
      actions: ["lambda:InvokeFunction"],
      resources: functionArns.flatMap((arn) => [
        $interpolate`${arn}:${LIVE_ALIAS}`,
        $interpolate`${arn}:$LATEST`,
      ]),
    },
  ];
}
