// The Step Functions state machines (EXPRESS, logged, traced) and the PatternDetector that runs their
// tasks. The ASL is core's, built once and shared with the local system.
import { patternAnalysisDefinition, powerTuningDefinition } from "@stock-patterns/core/workflow";
import { prefix } from "./account";
import { reservedExecutions } from "./capacity";
import { tradingFunction } from "./lambda";
import { alertQueue } from "./messaging";
import { alerts, tradingPatterns } from "./storage";
import { tuningPermissions } from "./tuning";

export const patternDetector = tradingFunction("PatternDetector", {
  handler: "packages/functions/src/handlers/pattern-detector.handler",
  description: "Workflow tasks: validate, detect, score, decide, manual review and tuning",
  memory: "512 MB",
  reservedConcurrency: reservedExecutions($app.stage, "PatternDetector"),
  releasedByCodeDeploy: true,
  link: [tradingPatterns, alerts, alertQueue],
  // Power tuning's Lambda calls, on the app's functions by name (infra/tuning.ts says why by name).
  permissions: tuningPermissions(),
});

const workflowRole = new aws.iam.Role("WorkflowRole", {
  assumeRolePolicy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" },
    ],
  }),
  inlinePolicies: [
    {
      name: "run-tasks",
      policy: $jsonStringify({
        Version: "2012-10-17",
        Statement: [
          // What every task's Resource names (expressWorkflow below): the live alias, or the function
          // under `sst dev`. Not the unqualified function: that would run $LATEST, past CodeDeploy's shift.
          { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [patternDetector.target] },
          {
            Effect: "Allow",
            Action: [
              "logs:CreateLogDelivery",
              "logs:GetLogDelivery",
              "logs:UpdateLogDelivery",
              "logs:DeleteLogDelivery",
              "logs:ListLogDeliveries",
              "logs:PutResourcePolicy",
              "logs:DescribeResourcePolicies",
              "logs:DescribeLogGroups",
              "xray:PutTraceSegments",
              "xray:PutTelemetryRecords",
              "xray:GetSamplingRules",
              "xray:GetSamplingTargets",
            ],
            Resource: "*",
          },
        ],
      }),
    },
  ],
});

/** An EXPRESS state machine whose every task invokes the PatternDetector, logging all events. */
function expressWorkflow(name: string, definition: (taskArn: string) => object) {
  const logGroup = new aws.cloudwatch.LogGroup(`${name}Logs`, {
    name: `/aws/vendedlogs/states/${prefix}-${name}`,
    retentionInDays: 7,
  });
  return new aws.sfn.StateMachine(name, {
    name: `${prefix}-${name}`,
    type: "EXPRESS",
    roleArn: workflowRole.arn,
    definition: patternDetector.target.apply((taskArn) => JSON.stringify(definition(taskArn))),
    loggingConfiguration: {
      level: "ALL",
      includeExecutionData: true,
      logDestination: $interpolate`${logGroup.arn}:*`,
    },
    tracingConfiguration: { enabled: true },
  });
}

export const patternAnalysisWorkflow = expressWorkflow("PatternAnalysisWorkflow", patternAnalysisDefinition);
export const powerTuningWorkflow = expressWorkflow("PowerTuningWorkflow", powerTuningDefinition);

/** What the API links: `Resource.PatternAnalysisWorkflow.arn`, with the right to run it synchronously (all it calls). */
export const patternAnalysisLink = new sst.Linkable("PatternAnalysisWorkflow", {
  properties: { arn: patternAnalysisWorkflow.arn },
  include: [
    sst.aws.permission({
      actions: ["states:StartSyncExecution"],
      resources: [patternAnalysisWorkflow.arn],
    }),
  ],
});
