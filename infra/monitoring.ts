// Watching the system: the operations dashboard, an error-rate alarm on every function and one on the API's
// answers, alarms on messages left where no function reads them, an anomaly alarm on pattern detection time
// a monthly billing alarm that notifies by SNS, and one on alarms that could not become alerts, by SNS too.

import type { BusinessMetric } from "@stock-patterns/core/contracts";
import { alarmName, alarmStateRuleName, prefix, region } from "./account";
import { api, restApi, stage } from "./api";
import { dashboardWidgets } from "./dashboard";
import { apiServerErrorRateQueries, lambdaErrorRateQueries } from "./error-rate";
import { invokedDimensions, STAGE_METRICS_NAMESPACE, type TradingFunction } from "./lambda";
import {
  alertDeadLetters,
  alertQueue,
  encryptedTopic,
  pendingApprovalDeadLetters,
  pendingApprovals,
  rejectedMarketData,
} from "./messaging";
import { alertProcessor, approvalProcessor } from "./processors";
import { thresholdChecker } from "./schedule";
import { alerts, approvalTracking, symbolWindows, tradingPatterns } from "./storage";
import { kinesisConsumer, marketData, streamConsumer, streamFailures } from "./stream";
import { webAcl } from "./waf";
import { patternAnalysisWorkflow, patternDetector } from "./workflow";

/** Error rate (%) above which a function's alarm fires. */
export const FUNCTION_ERROR_RATE_PCT = 1;
/** Share (%) of API requests answered with a 5xx above which the API's alarm fires. */
export const API_SERVER_ERROR_RATE_PCT = 1;
/** Monthly estimated charges (USD) above which the billing alarm notifies. */
export const BILLING_THRESHOLD_USD = 100;

export const functions: TradingFunction[] = [
  api,
  patternDetector,
  alertProcessor,
  approvalProcessor,
  thresholdChecker,
  kinesisConsumer,
];

/** Errors as a percentage of invocations, over 5-minute periods. */
function errorRateAlarm(target: TradingFunction) {
  return new aws.cloudwatch.MetricAlarm(`${target.name}ErrorRateAlarm`, {
    name: alarmName(`${target.name}-error-rate`),
    alarmDescription: `${target.name} fails more than ${FUNCTION_ERROR_RATE_PCT}% of its invocations`,
    comparisonOperator: "GreaterThanThreshold",
    threshold: FUNCTION_ERROR_RATE_PCT,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    treatMissingData: "notBreaching",
    metricQueries: lambdaErrorRateQueries({ FunctionName: target.fn.name }, 300),
  });
}

export const errorRateAlarms = functions.map(errorRateAlarm);

/**
 * The Api answers its own failures 500 (a problem with the request id), so they never count as Lambda
 * Errors: what callers see fail is API Gateway's 5XXError, over its requests.
 */
export const apiServerErrorRateAlarm = new aws.cloudwatch.MetricAlarm("ApiServerErrorRateAlarm", {
  name: alarmName("api-server-error-rate"),
  alarmDescription: `The API answers more than ${API_SERVER_ERROR_RATE_PCT}% of its requests with a 5xx`,
  comparisonOperator: "GreaterThanThreshold",
  threshold: API_SERVER_ERROR_RATE_PCT,
  evaluationPeriods: 2,
  datapointsToAlarm: 2,
  treatMissingData: "notBreaching",
  metricQueries: apiServerErrorRateQueries({ ApiName: restApi.name, Stage: stage.stageName }, 300),
});

/**
 * Queues that no function reads: dead letters, records set aside, failed stream batches. Anything in them
 * waits for a person, so one message is enough to raise the alarm (and, by its name, an alert).
 */
const UNREAD_QUEUES: Record<string, sst.aws.Queue> = {
  AlertDeadLetters: alertDeadLetters,
  PendingApprovalDeadLetters: pendingApprovalDeadLetters,
  RejectedMarketData: rejectedMarketData,
  MarketDataFailures: streamFailures,
};

export const messagesWaitingAlarms = Object.entries(UNREAD_QUEUES).map(
  ([name, queue]) =>
    new aws.cloudwatch.MetricAlarm(`${name}WaitingAlarm`, {
      name: alarmName(`${name}-waiting`),
      alarmDescription: `Messages wait on ${name}, which no function reads: inspect them`,
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: queue.nodes.queue.name },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      treatMissingData: "notBreaching",
    }),
);

/**
 * Detection time outside its learned band (2 standard deviations) means the engine slowed down. Only the
 * PatternDetector's runs: a KinesisConsumer run's time follows the bars its symbol has in the batch, which
 * grow whenever the stream catches up, so a band would call each catch-up a slowdown; what a slower stream
 * costs, late detections, the KinesisConsumerLagAlarm watches (freshness.ts).
 */
export const detectionDurationAnomalyAlarm = new aws.cloudwatch.MetricAlarm("DetectionDurationAnomalyAlarm", {
  name: alarmName("pattern-detection-duration-anomaly"),
  alarmDescription: "PatternDetectionDuration rose above its expected band",
  comparisonOperator: "GreaterThanUpperThreshold",
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  thresholdMetricId: "band",
  treatMissingData: "notBreaching",
  metricQueries: [
    {
      id: "duration",
      returnData: true,
      metric: {
        namespace: STAGE_METRICS_NAMESPACE,
        metricName: "PatternDetectionDuration" satisfies BusinessMetric,
        dimensions: { service: "PatternDetector" },
        period: 300,
        stat: "p90",
      },
    },
    {
      id: "band",
      expression: "ANOMALY_DETECTION_BAND(duration, 2)",
      label: "Expected range",
      returnData: true,
    },
  ],
});

/** Where the billing alarm notifies (subscribe the finance or on-call address to it). */
export const billingAlarms = encryptedTopic("BillingAlarms");

/** AWS publishes estimated charges in us-east-1 only, every few hours. */
export const billingAlarm = new aws.cloudwatch.MetricAlarm("BillingAlarm", {
  name: alarmName("monthly-charges"),
  alarmDescription: `Estimated charges this month passed USD ${BILLING_THRESHOLD_USD}`,
  namespace: "AWS/Billing",
  metricName: "EstimatedCharges",
  dimensions: { Currency: "USD" },
  statistic: "Maximum",
  period: 21_600,
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanThreshold",
  threshold: BILLING_THRESHOLD_USD,
  alarmActions: [billingAlarms.arn],
});

/**
 * Where an alarm is told that cannot travel the path from alarm to alert itself (subscribe the on-call
 * address to it): the alarm-state rule failing to deliver.
 */
export const alarmDeliveryAlarms = encryptedTopic("AlarmDeliveryAlarms");

/**
 * Each alarm entering ALARM becomes an alert through the alarm-state rule's delivery to the AlertQueue. A
 * delivery EventBridge could not make after its retries is dropped (the target has no DLQ:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html) and counted in the rule's
 * FailedInvocations (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html): an
 * alarm no one hears of. This alarm notifies its topic directly, as the path it watches is the one failing.
 */
export const alarmDeliveryAlarm = new aws.cloudwatch.MetricAlarm("AlarmDeliveryAlarm", {
  name: alarmName("alarms-not-delivered"),
  alarmDescription: "Alarms entering ALARM could not be delivered to the AlertQueue as alerts",
  namespace: "AWS/Events",
  metricName: "FailedInvocations",
  dimensions: { RuleName: alarmStateRuleName },
  statistic: "Sum",
  period: 300,
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 0,
  treatMissingData: "notBreaching",
  alarmActions: [alarmDeliveryAlarms.arn],
});

export const dashboard = new aws.cloudwatch.Dashboard("OperationsDashboard", {
  dashboardName: `${prefix}-operations`,
  dashboardBody: $jsonStringify({
    widgets: dashboardWidgets({
      region,
      apiName: restApi.name,
      stageName: stage.stageName,
      functionNames: functions.map((f) => f.fn.name),
      tableNames: [tradingPatterns, alerts, approvalTracking, symbolWindows].map((t) => t.name),
      queueNames: [alertQueue, pendingApprovals, alertDeadLetters].map((q) => q.nodes.queue.name),
      workflowArn: patternAnalysisWorkflow.arn,
      streamName: marketData.name,
      streamConsumerName: streamConsumer.name,
      consumerInvoked: invokedDimensions(kinesisConsumer),
      scheduleInvoked: invokedDimensions(thresholdChecker),
      webAclMetricName: webAcl?.visibilityConfig.metricName,
      namespace: STAGE_METRICS_NAMESPACE,
    }),
  }),
});

/** Link to the dashboard in the CloudWatch console. */
export const dashboardUrl = $interpolate`https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${dashboard.dashboardName}`;
