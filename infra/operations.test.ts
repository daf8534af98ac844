// Schedules, releases and monitoring: the 5-minute ThresholdChecker, alarm events into the AlertQueue,
// CodeDeploy canaries with rollback, the dashboard and the alarms.
import { ALERT_ID, givenAlertId } from "@stock-patterns/core";
import { BUSINESS_METRICS, COUNTERS, METRICS_NAMESPACE } from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { alertMessageSchema } from "../packages/functions/src/alerts/alert";
import { parseRelease } from "../scripts/canary/release";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import {
  AFTER_THE_ALERT,
  EXPIRED_AND_REDRIVEN,
  MALFORMED_MESSAGES,
  MARKET_DATA_APPLIED,
  RAISED_BESIDE_THE_STREAM,
  SET_ASIDE,
} from "./dashboard";
import { ERROR_RATE_EXPRESSION } from "./error-rate";
import { everyMinutes } from "./schedule-rate";

const graph: SynthGraph = inject("production");
const FUNCTIONS = [
  "Api",
  "PatternDetector",
  "AlertProcessor",
  "ApprovalProcessor",
  "ThresholdChecker",
  "KinesisConsumer",
];
const fnName = (name: string) =>
  String(resource(graph, "aws:lambda/function:Function", `${name}Function`).inputs.name);

type Query = {
  id: string;
  expression?: string;
  metric?: { metricName: string; namespace: string; dimensions: Record<string, string> };
};

describe("EventBridge", () => {
  it("runs the ThresholdChecker's live alias every 5 minutes", () => {
    const rule = resource(graph, "aws:cloudwatch/eventRule:EventRule", "ThresholdCheckerSchedule");
    expect(rule.inputs.scheduleExpression).toBe("rate(5 minutes)");
    const target = resource(
      graph,
      "aws:cloudwatch/eventTarget:EventTarget",
      "ThresholdCheckerScheduleTarget",
    );
    expect(target.inputs.arn).toBe(
      `arn:aws:lambda:us-east-1:123456789012:function:${fnName("ThresholdChecker")}:live`,
    );
    expect(
      resource(graph, "aws:lambda/permission:Permission", "ThresholdCheckerScheduleInvoke").inputs,
    ).toMatchObject({
      principal: "events.amazonaws.com",
      qualifier: "live",
    });
  });

  it("writes schedules in EventBridge's rate grammar, the unit singular for 1 and plural above", () => {
    // "If the value is equal to 1, then the unit must be singular. If the value is greater than 1, the unit
    // must be plural": PutRule refuses rate(1 minutes).
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html
    expect(everyMinutes(1)).toBe("rate(1 minute)");
    expect(everyMinutes(5)).toBe("rate(5 minutes)");
    expect(() => everyMinutes(0)).toThrow("1 or more whole minutes");
    expect(() => everyMinutes(2.5)).toThrow("1 or more whole minutes");
    for (const rule of ofType(graph, "aws:cloudwatch/eventRule:EventRule").filter(
      (r) => r.inputs.scheduleExpression,
    ))
      expect(String(rule.inputs.scheduleExpression), rule.name).toMatch(
        /^rate\((1 minute|([2-9]|\d{2,}) minutes)\)$/,
      );
  });

  it("turns this app's alarms entering ALARM into alert messages on the AlertQueue", () => {
    const rule = resource(graph, "aws:cloudwatch/eventRule:EventRule", "AlarmStateChangeRule");
    const pattern = JSON.parse(String(rule.inputs.eventPattern));
    expect(pattern).toMatchObject({
      source: ["aws.cloudwatch"],
      "detail-type": ["CloudWatch Alarm State Change"],
      detail: { alarmName: [{ prefix: "stock-patterns-production--" }], state: { value: ["ALARM"] } },
    });
    const conditions = Object.keys(pattern).length - 1 + Object.keys(pattern.detail).length;
    expect(conditions).toBeGreaterThanOrEqual(3);
    const target = resource(graph, "aws:cloudwatch/eventTarget:EventTarget", "AlarmStateChangeTarget").inputs;
    expect(String(target.arn)).toContain("AlertQueueQueue");
    const transformer = target.inputTransformer as {
      inputTemplate: string;
      inputPaths: Record<string, string>;
    };
    expect(transformer.inputPaths).toEqual({
      alarm: "$.detail.alarmName",
      reason: "$.detail.state.reason",
      time: "$.time",
    });
    // What EventBridge would put on the queue, checked with the AlertProcessor's own message schema.
    const sample = {
      alarm: "stock-patterns-production--Api-error-rate",
      reason: "Threshold Crossed",
      time: "2026-01-02T03:04:05Z",
    };
    const filled = transformer.inputTemplate.replace(
      /<(\w+)>/g,
      (_, key: keyof typeof sample) => sample[key],
    );
    const message = alertMessageSchema.parse(JSON.parse(filled));
    expect(message).toMatchObject({
      source: "threshold",
      severity: "HIGH",
      status: "QUEUED",
      barTime: sample.time,
      // Read in the form alerts are stored in: an id the API's cursors and paths take, a time to the ms.
      alertId: givenAlertId(`alarm-${sample.alarm}-${sample.time}`),
      createdAt: "2026-01-02T03:04:05.000Z",
    });
    expect(message.alertId).toMatch(ALERT_ID);
    const policy = JSON.parse(
      String(resource(graph, "aws:sqs/queuePolicy:QueuePolicy", "AlertQueueEventsPolicy").inputs.policy),
    );
    expect(policy.Statement[0]).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
    });
  });

  it("names every alarm so the rule sees it", () => {
    const alarms = ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms)
      expect(String(alarm.inputs.name), alarm.name).toMatch(/^stock-patterns-production--/);
  });
});

describe("release", () => {
  it("has one CodeDeploy Lambda application", () => {
    const apps = ofType(graph, "aws:codedeploy/application:Application");
    expect(apps.map((a) => a.inputs.computePlatform)).toEqual(["Lambda"]);
  });

  it.each(["Api", "PatternDetector"])(
    "releases %s as a 10%%/5-minute canary with rollback on failure and alarm",
    (name) => {
      const group = resource(
        graph,
        "aws:codedeploy/deploymentGroup:DeploymentGroup",
        `${name}DeploymentGroup`,
      ).inputs;
      expect(group).toMatchObject({
        deploymentConfigName: "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        deploymentStyle: { deploymentOption: "WITH_TRAFFIC_CONTROL", deploymentType: "BLUE_GREEN" },
        autoRollbackConfiguration: {
          enabled: true,
          events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"],
        },
        alarmConfiguration: {
          enabled: true,
          alarms: [`stock-patterns-production--${name}-new-version-errors`],
        },
      });
      const alias = resource(graph, "aws:lambda/alias:Alias", `${name}LiveAlias`);
      expect(alias.inputs.name).toBe("live");
      // CodeDeploy moves this alias; a deploy must not jump it to the new version at once.
      expect(alias.options?.ignoreChanges).toEqual(["functionVersion", "routingConfig"]);
    },
  );

  it.each(["Api", "PatternDetector"])(
    "stops %s's release when the new version fails more than 2%% of calls",
    (name) => {
      const alarm = resource(
        graph,
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        `${name}NewVersionErrorAlarm`,
      ).inputs;
      expect(alarm).toMatchObject({ comparisonOperator: "GreaterThanThreshold", threshold: 2 });
      const queries = alarm.metricQueries as Query[];
      expect(queries.find((q) => q.id === "errorRate")?.expression).toBe(ERROR_RATE_EXPRESSION);
      // The alias and the version it ran: Lambda's ExecutedVersion, "a combination of alias and version".
      // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-view.html
      const errors = queries.find((q) => q.metric?.metricName === "Errors")?.metric;
      expect(errors?.dimensions).toEqual({
        FunctionName: fnName(name),
        Resource: `${fnName(name)}:live`,
        ExecutedVersion: "1",
      });
    },
  );

  it("counts the new Api version's 500 answers among its errors: Lambda counts none of them", () => {
    // app.onError answers a failure 500 and the invocation succeeds, so Lambda's Errors of a version that
    // fails every request stay 0 and the canary would go through. The Api counts each such answer by the
    // version Lambda runs (ServerErrorAnswers); the alarm adds them to the version's Lambda Errors.
    const queries = resource(graph, "aws:cloudwatch/metricAlarm:MetricAlarm", "ApiNewVersionErrorAlarm")
      .inputs.metricQueries as Query[];
    const env = (
      resource(graph, "aws:lambda/function:Function", "ApiFunction").inputs.environment as {
        variables: Record<string, string>;
      }
    ).variables;
    const answered = queries.find((q) => q.metric?.metricName === "ServerErrorAnswers");
    expect(answered?.metric).toMatchObject({
      namespace: env.POWERTOOLS_METRICS_NAMESPACE,
      dimensions: { service: env.POWERTOOLS_SERVICE_NAME, ExecutedVersion: "1" },
    });
    // The dimensions the Api emits it with (core's, and Powertools' service): one more would match nothing.
    expect(Object.keys(answered?.metric?.dimensions ?? {}).sort()).toEqual(
      [...BUSINESS_METRICS.ServerErrorAnswers.dimensions, "service"].sort(),
    );
    const lambdaErrors = queries.find((q) => q.metric?.metricName === "Errors");
    const errors = queries.find((q) => q.id === "errors")?.expression ?? "";
    expect(errors).toContain(String(lambdaErrors?.id));
    expect(errors).toContain(`FILL(${answered?.id}, 0)`);
    // The PatternDetector answers nobody: its failures are Lambda errors, and it emits no such metric.
    const detector = resource(
      graph,
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "PatternDetectorNewVersionErrorAlarm",
    ).inputs.metricQueries as Query[];
    expect(detector.filter((q) => q.metric?.namespace === METRICS_NAMESPACE)).toEqual([]);
  });

  it("moves the other functions' aliases with the deploy itself", () => {
    for (const name of ["AlertProcessor", "ApprovalProcessor", "ThresholdChecker", "KinesisConsumer"]) {
      expect(
        resource(graph, "aws:lambda/alias:Alias", `${name}LiveAlias`).options?.ignoreChanges,
        name,
      ).toBeUndefined();
    }
  });

  it("tells the canary starter what to release (Resource.Release)", () => {
    const release = graph.resources.find((r) => r.type === "sst:sst:Linkable" && r.name === "Release");
    expect(release).toBeDefined();
    expect(graph.outputs.DeploymentGroupName).toBe("stock-patterns-production-Api");
    // What `sst shell` hands the script is accepted by the script's own check.
    const link = resource(graph, "sst:sst:LinkRef", "ReleaseLinkRef").inputs.properties;
    const parsed = parseRelease(link);
    expect(parsed.application).toBe(
      resource(graph, "aws:codedeploy/application:Application", "ReleaseApplication").inputs.name,
    );
    expect(parsed.targets).toEqual(
      ["Api", "PatternDetector"].map((name) => ({
        function: fnName(name),
        alias: "live",
        version: "1",
        deploymentGroup: `stock-patterns-production-${name}`,
      })),
    );
  });
});

/** Metric math a CloudWatch alarm evaluates per datapoint, with IF as CloudWatch documents it. */
function errorRateAt(expression: string, errors: number, invocations: number): number {
  const evaluate = new Function("IF", "errors", "invocations", `return ${expression};`);
  return evaluate(
    (when: boolean, then: number, otherwise: number) => (when ? then : otherwise),
    errors,
    invocations,
  );
}

describe("metric math", () => {
  const alarms = ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm");
  const expressions = alarms.flatMap((alarm) =>
    ((alarm.inputs.metricQueries ?? []) as Query[])
      .filter((q) => q.expression)
      .map((q) => ({
        id: q.id,
        alarm: alarm.name,
        ids: (alarm.inputs.metricQueries as Query[]).map((m) => m.id),
        expression: String(q.expression),
      })),
  );

  it("uses only functions CloudWatch documents for alarms, each array holding query ids, never a number", () => {
    expect(expressions.length).toBeGreaterThanOrEqual(9);
    for (const { alarm, ids, expression } of expressions) {
      for (const [, fn] of expression.matchAll(/([A-Z_]+)\(/g))
        expect(["IF", "FILL", "ANOMALY_DETECTION_BAND"], alarm).toContain(fn);
      for (const [, items = ""] of expression.matchAll(/\[([^\]]*)\]/g))
        for (const item of items.split(",")) expect(ids, `${alarm}: ${expression}`).toContain(item.trim());
    }
  });

  it("reads the error rate as a percentage of invocations, and 0% in a period without any", () => {
    expect(errorRateAt(ERROR_RATE_EXPRESSION, 3, 200)).toBe(1.5);
    expect(errorRateAt(ERROR_RATE_EXPRESSION, 0, 0)).toBe(0);
    expect(errorRateAt(ERROR_RATE_EXPRESSION, 2, 2)).toBe(100);
    const rates = expressions.filter((e) => e.id === "errorRate").map((e) => e.expression);
    // Each function's, each released version's (Api, PatternDetector) and the API's answers.
    expect(rates.length).toBe(FUNCTIONS.length + 2 + 1);
    expect(new Set(rates)).toEqual(new Set([ERROR_RATE_EXPRESSION]));
  });
});

describe("monitoring", () => {
  const dashboard = resource(graph, "aws:cloudwatch/dashboard:Dashboard", "OperationsDashboard").inputs;
  const widgets = JSON.parse(String(dashboard.dashboardBody)).widgets as {
    type: string;
    y: number;
    properties: { title?: string; metrics?: unknown[][]; stat?: string; period?: number };
  }[];
  const metricWidgets = widgets.filter((w) => w.type === "metric");
  const plotted = (title: RegExp) => metricWidgets.find((w) => title.test(w.properties.title ?? ""));

  it("has at least 14 metric widgets, each plotting something", () => {
    expect(metricWidgets.length).toBeGreaterThanOrEqual(14);
    for (const widget of metricWidgets)
      expect(widget.properties.metrics?.length, widget.properties.title).toBeGreaterThan(0);
  });

  it.each([
    [/API latency/, "Latency"],
    [/Lambda concurrency/, "ConcurrentExecutions"],
    [/Lambda errors/, "Errors"],
    [/Lambda duration/, "Duration"],
    [/DynamoDB/, "ConsumedReadCapacityUnits"],
    [/SQS depth/, "ApproximateNumberOfMessagesVisible"],
    [/SQS age/, "ApproximateAgeOfOldestMessage"],
    [/Workflow outcomes/i, "ExecutionsFailed"],
    [/Confidence by pattern/, "ConfidenceScore"],
    [/WAF/, "BlockedRequests"],
    [/Kinesis records in/, "IncomingRecords"],
    [/detection duration/, "PatternDetectionDuration"],
    [/Alerts by severity/, "AlertPriority"],
  ])("plots %s (%s)", (title, metric) => {
    const widget = plotted(title);
    expect(JSON.stringify(widget?.properties.metrics)).toContain(metric);
  });

  // A SEARCH returns at most 500 series (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/search-expression-syntax.html);
  // split by Symbol the widget would plot an arbitrary 500 (pattern, symbol) lines of 8,000 symbols'.
  it("plots confidence one line per pattern, whatever the number of symbols", () => {
    const expressions = JSON.stringify(plotted(/Confidence by pattern/)?.properties.metrics);
    expect(expressions).toContain(
      `{${METRICS_NAMESPACE},PatternType,service} MetricName=\\"ConfidenceScore\\"`,
    );
    expect(expressions).not.toContain("Symbol");
  });

  it.each(Object.entries(BUSINESS_METRICS))(
    "plots %s with the dimensions functions emit it with",
    (name, spec) => {
      // A metric emitted also under fewer dimensions is plotted under those (`plotted`).
      const dimensions = [...("plotted" in spec ? spec.plotted : spec.dimensions), "service"].join(",");
      expect(JSON.stringify(metricWidgets.map((w) => w.properties.metrics))).toContain(
        `{${METRICS_NAMESPACE},${dimensions}} MetricName=\\"${name}\\"`,
      );
    },
  );

  it.each(AFTER_THE_ALERT)(
    "plots the counter %s, one of core's, by the dimension it is counted with",
    (name) => {
      expect(COUNTERS).toContain(name);
      expect(JSON.stringify(plotted(/After the alert/)?.properties.metrics)).toContain(
        `{${METRICS_NAMESPACE},service} MetricName=\\"${name}\\"`,
      );
    },
  );

  it.each(SET_ASIDE)("plots the counter %s, one of core's, among the market data set aside", (name) => {
    expect(COUNTERS).toContain(name);
    expect(JSON.stringify(plotted(/Market data set aside/)?.properties.metrics)).toContain(
      `{${METRICS_NAMESPACE},service} MetricName=\\"${name}\\"`,
    );
  });

  /** A counter's line as a widget spells it: its SEARCH over the one dimension it is counted with. */
  const counterSearch = (name: string) => `{${METRICS_NAMESPACE},service} MetricName=\\"${name}\\"`;

  // A counter nobody reads is a count nobody acts on: each of core's must be on the dashboard or watched.
  it.each(COUNTERS)("plots or alarms on core's counter %s", (name) => {
    const onDashboard = JSON.stringify(metricWidgets.map((w) => w.properties.metrics)).includes(
      counterSearch(name),
    );
    const alarmed = ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm").some(
      (alarm) =>
        alarm.inputs.metricName === name ||
        ((alarm.inputs.metricQueries ?? []) as Query[]).some((q) => q.metric?.metricName === name),
    );
    expect(onDashboard || alarmed, `${name} is neither plotted nor alarmed`).toBe(true);
  });

  it.each([
    [/Market data applied/, MARKET_DATA_APPLIED],
    [/Threshold alerts and manual reviews/, RAISED_BESIDE_THE_STREAM],
    [/Approvals expired/, EXPIRED_AND_REDRIVEN],
    [/Malformed queue messages/, MALFORMED_MESSAGES],
  ])("plots in %s the counters of its group, one line each", (title, group) => {
    const lines = JSON.stringify(plotted(title)?.properties.metrics);
    for (const name of group) {
      expect(COUNTERS).toContain(name);
      expect(lines, name).toContain(counterSearch(name));
    }
  });

  it("plots each counter once, in one widget", () => {
    const all = metricWidgets.flatMap((w) =>
      COUNTERS.filter((name) => JSON.stringify(w.properties.metrics).includes(counterSearch(name))),
    );
    expect(all.sort()).toEqual([...COUNTERS].sort());
  });

  // A SEARCH draws a line per function counting the counter; a dynamic label names each line's function
  // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/graph-dynamic-labels.html).
  it("labels each counter's lines with the counter and the function that counts it", () => {
    const lines = metricWidgets
      .flatMap((w) => w.properties.metrics)
      .flat()
      .filter((part): part is { expression: string; label?: string } => {
        return typeof part === "object" && part !== null && "expression" in part;
      })
      .filter((line) => COUNTERS.some((name) => line.expression.includes(`MetricName="${name}"`)));
    expect(lines).toHaveLength(COUNTERS.length);
    for (const line of lines) {
      const [, name] = /MetricName="([^"]+)"/.exec(line.expression) ?? [];
      expect(line.label).toBe(`${name} (\${PROP('Dim.service')})`);
    }
  });

  it("plots how far the KinesisConsumer lags by the metric of the consumer it reads the stream through", () => {
    // The mapping reads through the enhanced fan-out consumer (SubscribeToShard), so Kinesis publishes its lag
    // as SubscribeToShardEvent.MillisBehindLatest by StreamName and ConsumerName; GetRecords.* counts only
    // GetRecords calls, which nothing makes on AWS, so a line on them stays empty.
    // https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html
    const mapping = resource(
      graph,
      "aws:lambda/eventSourceMapping:EventSourceMapping",
      "KinesisConsumerMapping",
    ).inputs;
    const [, streamName, consumerName] =
      /:stream\/([^/]+)\/consumer\/([^:]+):/.exec(String(mapping.eventSourceArn)) ?? [];
    expect(consumerName).toBe(
      resource(graph, "aws:kinesis/streamConsumer:StreamConsumer", "MarketDataConsumer").inputs.name,
    );
    const lines = (plotted(/Kinesis/)?.properties.metrics ?? []).map((line) =>
      line.filter((part) => typeof part === "string"),
    );
    expect(lines).toContainEqual([
      "AWS/Kinesis",
      "SubscribeToShardEvent.MillisBehindLatest",
      "StreamName",
      streamName,
      "ConsumerName",
      consumerName,
    ]);
    expect(lines.filter(([, metric]) => metric?.startsWith("GetRecords."))).toEqual([]);
  });

  /** A widget's lines as their strings: namespace, metric name, then dimension names and values. */
  const lines = (title: RegExp) =>
    (plotted(title)?.properties.metrics ?? []).map((line) => line.filter((part) => typeof part === "string"));
  /** An alarm's dimensions as a dashboard line spells them. */
  const alarmDimensions = (name: string) =>
    Object.entries(
      resource(graph, "aws:cloudwatch/metricAlarm:MetricAlarm", name).inputs.dimensions as Record<
        string,
        string
      >,
    ).flat();

  it("plots the KinesisConsumer's IteratorAge and runs beside the records, by the alias its mapping invokes", () => {
    // What the lag alarm reads (IteratorAge) and what the stall alarm compares with the records coming in
    // (Invocations), both of the live alias the mapping invokes, in the widget with the stream's records.
    const consumer = alarmDimensions("KinesisConsumerLagAlarm");
    expect(consumer).toContain(`${fnName("KinesisConsumer")}:live`);
    expect(lines(/Kinesis records in/)).toContainEqual(["AWS/Lambda", "IteratorAge", ...consumer]);
    expect(lines(/Kinesis records in/)).toContainEqual(["AWS/Lambda", "Invocations", ...consumer]);
  });

  it("plots the ThresholdChecker's runs by the alias its schedule invokes, beside the Lambda widgets", () => {
    const checker = alarmDimensions("ThresholdCheckerSilentAlarm");
    expect(checker).toContain(`${fnName("ThresholdChecker")}:live`);
    expect(lines(/ThresholdChecker runs/)).toContainEqual(["AWS/Lambda", "Invocations", ...checker]);
    const runs = plotted(/ThresholdChecker runs/);
    // Summed per schedule period, a healthy schedule plots 1 at every point.
    expect(runs?.properties).toMatchObject({ stat: "Sum", period: 300 });
    expect(runs?.y).toBe(plotted(/Lambda throttles/)?.y);
  });

  it("plots WAF's blocks by the dimensions WAF publishes a regional web ACL's metrics with", () => {
    // WebACL is the web ACL's metric name (its visibilityConfig), Region the app's region (a REGIONAL
    // web ACL guards the stage there), Rule ALL every rule's requests.
    // https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html
    const acl = resource(graph, "aws:wafv2/webAcl:WebAcl", "TradingApiWebAcl").inputs;
    expect(lines(/WAF blocked/)).toEqual([
      [
        "AWS/WAFV2",
        "BlockedRequests",
        "WebACL",
        (acl.visibilityConfig as { metricName: string }).metricName,
        "Region",
        (graph.providers.aws as { region: string }).region,
        "Rule",
        "ALL",
      ],
    ]);
  });

  it("plots API latency at p50, p90 and p99", () => {
    const stats = (plotted(/API latency/)?.properties.metrics ?? []).map(
      (m) => (m.at(-1) as { stat: string }).stat,
    );
    expect(stats).toEqual(["p50", "p90", "p99"]);
  });

  // FunctionName alone: every version and alias of the function.
  // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-view.html
  it.each(FUNCTIONS)("alarms when %s's error rate passes 1%%", (name) => {
    const alarm = resource(graph, "aws:cloudwatch/metricAlarm:MetricAlarm", `${name}ErrorRateAlarm`).inputs;
    expect(alarm).toMatchObject({ comparisonOperator: "GreaterThanThreshold", threshold: 1 });
    const queries = alarm.metricQueries as Query[];
    expect(queries.find((q) => q.id === "errors")?.metric?.dimensions).toEqual({
      FunctionName: fnName(name),
    });
  });

  it("alarms when the API answers more than 1% of its requests with a 5xx, as API Gateway counts them", () => {
    // The Api's own failures never reach Lambda's Errors: app.onError answers them 500 (a problem with the
    // request id) and the invocation succeeds. API Gateway counts every 5xx it answers (the Api's 500s, and
    // its own 502/504 when the function crashes or times out) by ApiName and Stage, over Count requests.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
    const alarm = resource(graph, "aws:cloudwatch/metricAlarm:MetricAlarm", "ApiServerErrorRateAlarm").inputs;
    expect(alarm).toMatchObject({ comparisonOperator: "GreaterThanThreshold", threshold: 1 });
    expect(String(alarm.name)).toMatch(/^stock-patterns-production--/);
    const queries = alarm.metricQueries as Query[];
    expect(queries.find((q) => q.expression)?.expression).toBe(ERROR_RATE_EXPRESSION);
    const dimensions = {
      ApiName: resource(graph, "aws:apigateway/restApi:RestApi", "TradingApi").inputs.name,
      Stage: resource(graph, "aws:apigateway/stage:Stage", "TradingApiStage").inputs.stageName,
    };
    expect(queries.find((q) => q.id === "errors")?.metric).toMatchObject({
      namespace: "AWS/ApiGateway",
      metricName: "5XXError",
      dimensions,
    });
    expect(queries.find((q) => q.id === "invocations")?.metric).toMatchObject({
      namespace: "AWS/ApiGateway",
      metricName: "Count",
      dimensions,
    });
  });

  it.each([
    ["AlertDeadLetters", "AlertQueueDLQQueue"],
    ["PendingApprovalDeadLetters", "PendingApprovalsDLQQueue"],
    ["RejectedMarketData", "RejectedMarketDataQueue"],
    ["MarketDataFailures", "MarketDataFailuresQueue"],
  ])("alarms as soon as one message waits on %s, which no function reads", (name, queue) => {
    // "The only dimension that Amazon SQS sends to CloudWatch is QueueName."
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
    const alarm = resource(graph, "aws:cloudwatch/metricAlarm:MetricAlarm", `${name}WaitingAlarm`).inputs;
    expect(alarm).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      dimensions: { QueueName: resource(graph, "aws:sqs/queue:Queue", queue).inputs.name },
    });
    // Named under the app's prefix, so the alarm-state rule turns it into an alert as well.
    expect(String(alarm.name)).toMatch(/^stock-patterns-production--/);
  });

  it("watches PatternDetectionDuration with an anomaly band", () => {
    const alarm = resource(
      graph,
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "DetectionDurationAnomalyAlarm",
    ).inputs;
    expect(alarm).toMatchObject({
      comparisonOperator: "GreaterThanUpperThreshold",
      thresholdMetricId: "band",
    });
    const queries = alarm.metricQueries as Query[];
    expect(queries.find((q) => q.id === "band")?.expression).toMatch(
      /^ANOMALY_DETECTION_BAND\(duration, \d\)$/,
    );
    // The series the PatternDetector emits with only its service dimension (Powertools' service name).
    const detectorEnv = (
      resource(graph, "aws:lambda/function:Function", "PatternDetectorFunction").inputs.environment as {
        variables: Record<string, string>;
      }
    ).variables;
    const duration = queries.find((q) => q.id === "duration")?.metric;
    expect(duration).toMatchObject({
      namespace: detectorEnv.POWERTOOLS_METRICS_NAMESPACE,
      metricName: "PatternDetectionDuration",
    });
    expect(duration?.dimensions).toEqual({ service: detectorEnv.POWERTOOLS_SERVICE_NAME });
  });

  it("notifies by SNS when the month's estimated charges pass USD 100", () => {
    const alarm = resource(graph, "aws:cloudwatch/metricAlarm:MetricAlarm", "BillingAlarm").inputs;
    expect(alarm).toMatchObject({
      namespace: "AWS/Billing",
      metricName: "EstimatedCharges",
      dimensions: { Currency: "USD" },
      threshold: 100,
      comparisonOperator: "GreaterThanThreshold",
    });
    expect(alarm.alarmActions).toEqual([expect.stringContaining("BillingAlarmsTopic")]);
  });

  // EventBridge drops a delivery it could not make after its retries when the target has no DLQ, counting it
  // in the rule's FailedInvocations (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
  it("notifies by SNS, not through the alarm-state rule it watches, when that rule fails to deliver", () => {
    const rule = resource(graph, "aws:cloudwatch/eventRule:EventRule", "AlarmStateChangeRule").inputs;
    const alarm = resource(graph, "aws:cloudwatch/metricAlarm:MetricAlarm", "AlarmDeliveryAlarm").inputs;
    expect(alarm).toMatchObject({
      namespace: "AWS/Events",
      metricName: "FailedInvocations",
      dimensions: { RuleName: rule.name },
      statistic: "Sum",
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    });
    expect(alarm.alarmActions).toEqual([expect.stringContaining("AlarmDeliveryAlarmsTopic")]);
    const targets = ofType(graph, "aws:cloudwatch/eventTarget:EventTarget").filter(
      (t) => t.inputs.rule === rule.name,
    );
    expect(targets.map((t) => String(t.inputs.arn))).toEqual([expect.stringMatching(/-AlertQueueQueue-/)]);
  });
});
