// Where power tuning may act: the app's functions, named in the PatternDetector's own policy.
//
// The rights (tuning-rights.ts) sit in the inline policy SST writes on the role it creates for the
// PatternDetector. A separate aws.iam.RolePolicy on that role would not last: SST declares the role with
// `inlinePolicies` and `managedPolicyArns`, which the AWS provider then manages exclusively, so after a
// refresh the next update of the role deletes the extra policy (the aws.iam.Role docs; pulumi/pulumi-aws#4050).
// Nor can the policy hold the functions' ARNs: the Api, one of them, depends on the PatternDetector through
// the analysis workflow. So it names them as SST does: `<app>-<stage>-<Name>Function`, shortened by SST's
// own prefixName when the whole would pass Lambda's 64 characters, then a dash and an eight-character random
// suffix (SST's naming.ts, physicalName), each of its characters a `?`. A stage is lowercase words and a
// function's name is capitalized, so no other stage's function matches one of these.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html (`?` in an ARN)
import { FUNCTION_TIMEOUT_SECONDS, type FunctionName } from "@stock-patterns/core/catalog";
import { prefixName } from "../.sst/platform/src/components/naming";
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
  return `${prefixName(FUNCTION_NAME_MAX - RANDOM_SUFFIX.length, `${name}Function`)}${RANDOM_SUFFIX}`;
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
