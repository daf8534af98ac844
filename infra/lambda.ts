// Every function of the system is declared through here, so all share one runtime (Node 22 on ARM64),
// X-Ray tracing, a week of logs, Powertools settings and, outside `sst dev`, a published `live` alias.
import { FUNCTION_TIMEOUT_SECONDS, type FunctionName } from "@stock-patterns/core/catalog";
import { prefix } from "./account";
import { narrowRole } from "./link-grants";
import { stageMetricsNamespace } from "./metrics-namespace";
import { retentionEnvironment } from "./retention";
import { dataKey } from "./storage";

/** The stage's Powertools metrics namespace: the custom metrics its dashboard and alarms read. */
export const STAGE_METRICS_NAMESPACE = stageMetricsNamespace($app.stage);

/** Name of the alias that API Gateway, event sources and schedules invoke. */
export const LIVE_ALIAS = "live";

/** Settings a trading function may choose; everything else (its timeout: core's catalog) is fixed here. */
export interface TradingFunctionArgs {
  handler: string;
  description: string;
  // 1769 MB: one full vCPU, for CPU-bound work (the KinesisConsumer).
  memory: "256 MB" | "512 MB" | "1024 MB" | "1769 MB";
  link?: sst.aws.FunctionArgs["link"];
  environment?: Record<string, $util.Input<string>>;
  permissions?: sst.aws.FunctionArgs["permissions"];
  reservedConcurrency?: number;
  /** CodeDeploy shifts this function's alias; Pulumi then leaves the alias version alone. */
  releasedByCodeDeploy?: boolean;
}

/** A declared function and what callers should invoke: the `live` alias, or the function in `sst dev`. */
export interface TradingFunction {
  name: string;
  fn: sst.aws.Function;
  alias?: aws.lambda.Alias;
  /** ARN to invoke: the alias ARN when deployed, the function ARN under `sst dev`. */
  target: $util.Output<string>;
  /** Function name plus qualifier for API Gateway / CloudWatch (`name:live`). */
  functionName: $util.Output<string>;
}

/**
 * Declares one function with the system's defaults.
 * @example
 * const checker = tradingFunction("ThresholdChecker", { handler: "...", description: "...", memory: "256 MB" });
 */
export function tradingFunction(name: FunctionName, args: TradingFunctionArgs): TradingFunction {
  const fn = new sst.aws.Function(name, {
    handler: args.handler,
    description: args.description,
    runtime: "nodejs22.x",
    architecture: "arm64",
    memory: args.memory,
    // The catalog's, which the local runtime enforces too.
    timeout: `${FUNCTION_TIMEOUT_SECONDS[name]} seconds`,
    link: args.link,
    versioning: !$dev,
    concurrency: args.reservedConcurrency === undefined ? undefined : { reserved: args.reservedConcurrency },
    logging: { retention: "1 week", format: "json" },
    environment: {
      POWERTOOLS_SERVICE_NAME: name,
      POWERTOOLS_METRICS_NAMESPACE: STAGE_METRICS_NAMESPACE,
      POWERTOOLS_LOG_LEVEL: "INFO",
      // The stage's record retention, if it has one (infra/retention.ts): every function writes or raises
      // detections or alerts, and each write that settles a detection or finishes an alert sets its expiry.
      ...retentionEnvironment($app.stage),
      ...args.environment,
    },
    permissions: [
      { actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] },
      { actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [dataKey.arn] },
      ...((args.permissions ?? []) as sst.aws.FunctionPermissionArgs[]),
    ],
    transform: {
      function: (fnArgs) => {
        fnArgs.tracingConfig = { mode: "Active" };
        fnArgs.tags = { ...fnArgs.tags, Function: name };
      },
      role: narrowRole(name, (args.link ?? []) as unknown[]),
    },
  });
  if ($dev) return { name, fn, target: fn.arn, functionName: fn.name };

  const version = fn.nodes.function.version;
  const alias = new aws.lambda.Alias(
    `${name}LiveAlias`,
    {
      name: LIVE_ALIAS,
      description: `${prefix} ${name}: the version callers get`,
      functionName: fn.name,
      functionVersion: version,
    },
    args.releasedByCodeDeploy ? { ignoreChanges: ["functionVersion", "routingConfig"] } : undefined,
  );
  return { name, fn, alias, target: alias.arn, functionName: $interpolate`${fn.name}:${LIVE_ALIAS}` };
}

/**
 * Lets a service principal invoke the function's `live` alias (or the function under `sst dev`).
 * @example
 * allowInvoke(checker, "events.amazonaws.com", rule.arn, "Schedule");
 */
export function allowInvoke(
  target: TradingFunction,
  principal: string,
  sourceArn: $util.Input<string>,
  suffix: string,
): aws.lambda.Permission {
  return new aws.lambda.Permission(`${target.name}${suffix}Invoke`, {
    action: "lambda:InvokeFunction",
    function: target.fn.name,
    qualifier: target.alias?.name,
    principal,
    sourceArn,
  });
}

/**
 * Lambda's metrics of what an event source mapping or schedule invokes: the `live` alias when deployed
 * (dimension `Resource`, `name:live`), the function itself under `sst dev`.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-view.html (dimensions FunctionName,
 * Resource for a version or alias)
 *
 * @example
 * new aws.cloudwatch.MetricAlarm("X", { namespace: "AWS/Lambda", dimensions: invokedDimensions(kinesisConsumer), ... })
 */
export function invokedDimensions(target: TradingFunction): Record<string, $util.Input<string>> {
  return target.alias
    ? { FunctionName: target.fn.name, Resource: target.functionName }
    : { FunctionName: target.fn.name };
}
