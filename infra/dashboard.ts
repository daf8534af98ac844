// The widgets of the operations dashboard: API, functions, tables, queues, workflow, stream, WAF and
// the custom business metrics, every one of core's counters among them, laid out two per row.

import { BUSINESS_METRICS, type BusinessMetric, type Counter } from "@stock-patterns/core/contracts";
import { searchedNamespace } from "./metrics-namespace";

/** Core's counters of what followed the detections: plotted together, summed per period. */
export const AFTER_THE_ALERT = [
  "OutcomesMoved",
  "LifecycleMessagesSent",
] as const satisfies readonly Counter[];

/** Core's counters of stream records the KinesisConsumer could not apply: each set aside, or retried when it could not be. */
export const SET_ASIDE = [
  "MalformedRecords",
  "LateRecords",
  "ConflictingRecords",
  "RejectedRecordsNotSetAside",
] as const satisfies readonly Counter[];

/**
 * Core's counters of the stream's bars taken: applied to their windows, or the same bar again (changing
 * nothing), and those applied from records not partitioned by their symbol.
 */
export const MARKET_DATA_APPLIED = [
  "BarsApplied",
  "DuplicateBars",
  "MisroutedRecords",
] as const satisfies readonly Counter[];

/** Core's counters of work raised beside the stream's detections: the ThresholdChecker's alerts, the workflow's manual reviews. */
export const RAISED_BESIDE_THE_STREAM = [
  "ThresholdAlerts",
  "ManualReviews",
] as const satisfies readonly Counter[];

/** Core's counters of approvals expired (by the ApprovalProcessor, or by the sweep once their message was lost) and alerts the sweep put back. */
export const EXPIRED_AND_REDRIVEN = [
  "ApprovalsExpired",
  "StrandedApprovalsExpired",
  "StrandedAlertsRedriven",
] as const satisfies readonly Counter[];

/** Core's counters of queue messages that were not an alert or a pending approval: each fails to its queue's DLQ. */
export const MALFORMED_MESSAGES = [
  "MalformedAlertMessages",
  "MalformedApprovalMessages",
] as const satisfies readonly Counter[];

/**
 * The part of a counter's label that names the function a line counts in: CloudWatch fills it in with the
 * value of the series' `service` dimension (Powertools' service name), one per line a SEARCH draws.
 */
const COUNTED_BY = `(\${PROP('Dim.service')})`;

type Input<T> = $util.Input<T>;

/** Names the widgets plot; `Input`s resolve when the dashboard body is serialized. */
export interface DashboardSources {
  region: Input<string>;
  apiName: Input<string>;
  stageName: Input<string>;
  functionNames: Input<string>[];
  tableNames: Input<string>[];
  queueNames: Input<string>[];
  workflowArn: Input<string>;
  streamName: Input<string>;
  /** The enhanced fan-out consumer the KinesisConsumer reads the stream through. */
  streamConsumerName: Input<string>;
  /** Lambda's dimensions of what the stream's mapping invokes: the KinesisConsumer's `live` alias. */
  consumerInvoked: Record<string, Input<string>>;
  /** Lambda's dimensions of what the schedule invokes: the ThresholdChecker's `live` alias. */
  scheduleInvoked: Record<string, Input<string>>;
  /** The WebACL dimension of WAF's metrics: the web ACL's metric name (its visibilityConfig), not its name. */
  webAclMetricName?: Input<string>;
  /** The stage's namespace of the custom metrics (metrics-namespace.ts). */
  namespace: string;
}

type Metric = Input<string | Record<string, unknown>>[];

interface Graph {
  title: string;
  metrics?: Metric[];
  stat?: string;
  view?: "timeSeries" | "bar" | "singleValue";
  expression?: string;
}

/**
 * Builds the dashboard's widgets (at least 14 metric widgets and a title).
 * @example
 * const body = $jsonStringify({ widgets: dashboardWidgets(sources) });
 */
export function dashboardWidgets(s: DashboardSources): Record<string, unknown>[] {
  const each = (names: Input<string>[], ns: string, metric: string, dim: string, extra: Metric = []) =>
    names.map((name): Metric => [ns, metric, dim, name, ...extra]);
  const api = (metric: string, stat: string): Metric => [
    "AWS/ApiGateway",
    metric,
    "ApiName",
    s.apiName,
    "Stage",
    s.stageName,
    { stat, label: `${metric} ${stat}` },
  ];
  /** A Lambda metric of what an event source or schedule invokes, by its dimensions. */
  const invoked = (metric: string, dimensions: Record<string, Input<string>>, extra: Metric = []): Metric => [
    "AWS/Lambda",
    metric,
    ...Object.entries(dimensions).flat(),
    ...extra,
  ];
  /**
   * One line plotting every series of a custom metric (Powertools adds the `service` dimension), under its
   * `plotted` dimensions where it has them: a SEARCH returns at most 500 series.
   */
  const search = (metricName: BusinessMetric, stat: string, id: string): Metric[] => {
    const spec = BUSINESS_METRICS[metricName];
    const dimensions = [...("plotted" in spec ? spec.plotted : spec.dimensions), "service"].join(",");
    const expression = `SEARCH('{${searchedNamespace(s.namespace)},${dimensions}} MetricName="${metricName}"', '${stat}', 300)`;
    return [[{ expression, id }]];
  };
  /**
   * Each counter under its one dimension, `service`: a line per function that counts it (a SEARCH returns
   * each series it finds), each summed over the period and labelled with the counter and the function. A
   * dynamic label applies to every metric a search returns, and `${PROP('Dim.<name>')}` is a dimension's
   * value (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/graph-dynamic-labels.html).
   */
  const counters = (names: readonly Counter[]): Metric[] =>
    names.map((name, i) => [
      {
        expression: `SEARCH('{${searchedNamespace(s.namespace)},service} MetricName="${name}"', 'Sum', 300)`,
        id: `counter${i}`,
        label: `${name} ${COUNTED_BY}`,
      },
    ]);

  const graphs: Graph[] = [
    {
      title: "API latency p50 / p90 / p99 (ms)",
      metrics: ["p50", "p90", "p99"].map((p) => api("Latency", p)),
    },
    {
      title: "API requests and errors",
      metrics: [api("Count", "Sum"), api("4XXError", "Sum"), api("5XXError", "Sum")],
    },
    {
      // The Api's own 500s by the version that answered them: during a canary, the new version's beside the old.
      title: "API 500 answers by Api version",
      metrics: search("ServerErrorAnswers", "Sum", "serverErrors"),
    },
    {
      title: "Lambda concurrency",
      stat: "Maximum",
      metrics: each(s.functionNames, "AWS/Lambda", "ConcurrentExecutions", "FunctionName"),
    },
    {
      title: "Lambda errors",
      stat: "Sum",
      metrics: each(s.functionNames, "AWS/Lambda", "Errors", "FunctionName"),
    },
    {
      title: "Lambda duration p90 (ms)",
      stat: "p90",
      metrics: each(s.functionNames, "AWS/Lambda", "Duration", "FunctionName"),
    },
    {
      title: "Lambda throttles",
      stat: "Sum",
      metrics: each(s.functionNames, "AWS/Lambda", "Throttles", "FunctionName"),
    },
    {
      // Beside the throttles: a schedule that stopped (rule, target or permission gone) plots 0 here, not an error.
      title: "ThresholdChecker runs per 5-minute period (its schedule makes 1)",
      stat: "Sum",
      metrics: [invoked("Invocations", s.scheduleInvoked, [{ label: "ThresholdChecker runs" }])],
    },
    {
      title: "DynamoDB consumed capacity",
      stat: "Sum",
      metrics: [
        ...each(s.tableNames, "AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName"),
        ...each(s.tableNames, "AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName"),
      ],
    },
    {
      title: "SQS depth",
      stat: "Maximum",
      metrics: each(s.queueNames, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName"),
    },
    {
      title: "SQS age of oldest message (s)",
      stat: "Maximum",
      metrics: each(s.queueNames, "AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName"),
    },
    {
      title: "PatternAnalysisWorkflow outcomes",
      stat: "Sum",
      metrics: ["ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionThrottled"].map(
        (metric): Metric => ["AWS/States", metric, "StateMachineArn", s.workflowArn],
      ),
    },
    {
      title: "Confidence by pattern",
      metrics: search("ConfidenceScore", "Average", "confidence"),
    },
    {
      title: "Pattern detection duration p90 (ms)",
      metrics: search("PatternDetectionDuration", "p90", "duration"),
    },
    { title: "Alerts by severity", metrics: search("AlertPriority", "Sum", "alerts") },
    {
      title: "Threshold alerts and manual reviews: raised beside the stream's detections",
      metrics: counters(RAISED_BESIDE_THE_STREAM),
    },
    {
      title: "After the alert: outcomes moved, lifecycle messages sent",
      metrics: counters(AFTER_THE_ALERT),
    },
    {
      title: "Approvals expired (on time, by the sweep) and alerts the sweep redrove",
      metrics: counters(EXPIRED_AND_REDRIVEN),
    },
    {
      // Each fails every receive and ends in its queue's DLQ, whose alarm fires (monitoring.ts).
      title: "Malformed queue messages: not an alert, not a pending approval",
      metrics: counters(MALFORMED_MESSAGES),
    },
    {
      title: "Market data applied: bars applied, duplicates (the same bar again)",
      metrics: counters(MARKET_DATA_APPLIED),
    },
    {
      title: "Market data set aside: malformed, late, conflicting (and not set aside, retried)",
      metrics: counters(SET_ASIDE),
    },
    {
      // A regional web ACL's metrics carry Region, Rule and WebACL; Rule ALL counts every rule's blocks.
      // https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html
      title: "WAF blocked requests",
      stat: "Sum",
      metrics: s.webAclMetricName
        ? [["AWS/WAFV2", "BlockedRequests", "WebACL", s.webAclMetricName, "Region", s.region, "Rule", "ALL"]]
        : [],
    },
    {
      title: "Kinesis records in, the KinesisConsumer's runs, and its lag behind them (ms)",
      stat: "Sum",
      metrics: [
        ["AWS/Kinesis", "IncomingRecords", "StreamName", s.streamName],
        // The consumer's lag (ms): it reads by SubscribeToShard, so GetRecords.IteratorAgeMilliseconds, which
        // counts only GetRecords calls, would stay empty.
        // https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html
        [
          "AWS/Kinesis",
          "SubscribeToShardEvent.MillisBehindLatest",
          "StreamName",
          s.streamName,
          "ConsumerName",
          s.streamConsumerName,
          { stat: "Maximum", yAxis: "right" },
        ],
        // The age of each batch's newest record when the mapping invoked the live alias: what the lag
        // alarm reads. Its runs beside the records: records in and no runs is what the stall alarm sees.
        invoked("IteratorAge", s.consumerInvoked, [
          { stat: "Maximum", yAxis: "right", label: "KinesisConsumer IteratorAge" },
        ]),
        invoked("Invocations", s.consumerInvoked, [{ label: "KinesisConsumer runs" }]),
      ],
    },
  ];

  const title = {
    type: "text",
    x: 0,
    y: 0,
    width: 24,
    height: 2,
    properties: {
      markdown:
        "# Stock pattern detection\nAPI, functions, data, queues, workflow, stream, WAF and business metrics.",
    },
  };
  return [
    title,
    // Under `sst dev` there is no WAF: its widget would be empty, which CloudWatch refuses.
    ...graphs
      .filter((graph) => (graph.metrics ?? []).length > 0)
      .map((graph, i) => ({
        type: "metric",
        x: (i % 2) * 12,
        y: 2 + Math.floor(i / 2) * 6,
        width: 12,
        height: 6,
        properties: {
          title: graph.title,
          region: s.region,
          view: graph.view ?? "timeSeries",
          period: 300,
          stat: graph.stat ?? "Average",
          metrics: graph.metrics ?? [],
        },
      })),
  ];
}
