// Safe releases of the Api and the PatternDetector: CodeDeploy shifts each `live` alias to the new
// version (10% for 5 minutes, then all) and rolls back on failure or when the new version errs.
import type { BusinessMetric } from "@stock-patterns/core/contracts";
import { alarmName, partition, prefix } from "./account";
import { api } from "./api";
import { lambdaErrorRateQueries } from "./error-rate";
import { STAGE_METRICS_NAMESPACE, type TradingFunction } from "./lambda";
import { patternDetector } from "./workflow";

/** How CodeDeploy moves traffic to a new version. */
export const DEPLOYMENT_CONFIG = "CodeDeployDefault.LambdaCanary10Percent5Minutes";
/** Error rate (%) of the new version that stops a release and rolls it back. */
export const NEW_VERSION_ERROR_RATE_PCT = 2;

const released = [api, patternDetector];

export const codeDeployApp = $dev
  ? undefined
  : new aws.codedeploy.Application("ReleaseApplication", {
      name: `${prefix}-release`,
      computePlatform: "Lambda",
    });

const serviceRole = $dev
  ? undefined
  : new aws.iam.Role("ReleaseServiceRole", {
      assumeRolePolicy: $jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "codedeploy.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
      managedPolicyArns: [
        $interpolate`arn:${partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited`,
      ],
    });

/**
 * The new version's error rate, as a percentage of its invocations through the alias. The Api answers its
 * failures 500 and the invocation succeeds: its 500 answers, counted by version, are errors too.
 */
function newVersionErrorAlarm(target: TradingFunction) {
  const version = target.fn.nodes.function.version;
  const dimensions = {
    FunctionName: target.fn.name,
    Resource: target.functionName,
    ExecutedVersion: version,
  };
  const answered =
    target === api
      ? {
          namespace: STAGE_METRICS_NAMESPACE,
          metricName: "ServerErrorAnswers" satisfies BusinessMetric,
          // Powertools adds `service` (POWERTOOLS_SERVICE_NAME, the function's name: lambda.ts).
          dimensions: { service: target.name, ExecutedVersion: version },
        }
      : undefined;
  return new aws.cloudwatch.MetricAlarm(`${target.name}NewVersionErrorAlarm`, {
    name: alarmName(`${target.name}-new-version-errors`),
    alarmDescription: `${target.name}: the version being released fails more than ${NEW_VERSION_ERROR_RATE_PCT}% of calls`,
    comparisonOperator: "GreaterThanThreshold",
    threshold: NEW_VERSION_ERROR_RATE_PCT,
    evaluationPeriods: 1,
    treatMissingData: "notBreaching",
    metricQueries: lambdaErrorRateQueries(dimensions, 60, answered),
  });
}

function deploymentGroup(target: TradingFunction) {
  const alarm = newVersionErrorAlarm(target);
  return new aws.codedeploy.DeploymentGroup(`${target.name}DeploymentGroup`, {
    appName: (codeDeployApp as aws.codedeploy.Application).name,
    deploymentGroupName: `${prefix}-${target.name}`,
    serviceRoleArn: (serviceRole as aws.iam.Role).arn,
    deploymentConfigName: DEPLOYMENT_CONFIG,
    deploymentStyle: { deploymentOption: "WITH_TRAFFIC_CONTROL", deploymentType: "BLUE_GREEN" },
    autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
    alarmConfiguration: { enabled: true, alarms: [alarm.name] },
  });
}

export const deploymentGroups = $dev
  ? []
  : released.map((target) => ({ target, group: deploymentGroup(target) }));

/**
 * What the canary starter needs after `sst deploy`: `Resource.Release` in `sst shell`, shaped as
 * scripts/canary/release.ts's `Release` (infra/operations.test.ts parses it with the script's check).
 */
export const releaseLink = $dev
  ? undefined
  : new sst.Linkable("Release", {
      properties: {
        application: (codeDeployApp as aws.codedeploy.Application).name,
        targets: deploymentGroups.map(({ target, group }) => ({
          function: target.fn.name,
          alias: (target.alias as aws.lambda.Alias).name,
          version: target.fn.nodes.function.version,
          deploymentGroup: group.deploymentGroupName,
        })),
      },
    });

/** The Api's `live` alias (the one API Gateway invokes). */
export const liveAliasArn = api.alias?.arn;
/** The Api's deployment group; the PatternDetector's is listed in `Resource.Release`. */
export const deploymentGroupName = deploymentGroups[0]?.group.deploymentGroupName;
