// What runs on the clock or on events: the ThresholdChecker every five minutes (thresholds, and the sweep
// that finishes stranded alerts and approvals), and alarm state changes of this app's alarms turned into
// alerts on the AlertQueue.
import { DEFAULT_THRESHOLDS, thresholdsEnvironment } from "@stock-patterns/core";
import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import { alarmPrefix, alarmStateRuleName, prefix } from "./account";
import { allowInvoke, tradingFunction } from "./lambda";
import { alertQueue, approvalRequests, tradingAlerts } from "./messaging";
import { everyMinutes } from "./schedule-rate";
import { alerts, approvalTracking, evidenceSnapshots, symbolWindows, tradingPatterns } from "./storage";
import { consoleUrl } from "./web";

/** The deployed alert thresholds: core's defaults, written as the variables the checker reads back. */
export const THRESHOLDS = thresholdsEnvironment(DEFAULT_THRESHOLDS);

export const thresholdChecker = tradingFunction("ThresholdChecker", {
  handler: "packages/functions/src/handlers/threshold-checker.handler",
  description:
    "Raises alerts when a symbol's latest bars cross the price-move or volume-spike thresholds; sweeps stranded alerts and approvals",
  memory: "256 MB",
  // The sweep re-drives alerts (AlertQueue), settles decided approvals (ApprovalTracking, publishing to
  // TradingAlerts) and expires overdue ones (telling AlertApprovalRequests); the evidence pooled per
  // interval goes to EvidenceSnapshots: links grant exactly that.
  link: [
    symbolWindows,
    evidenceSnapshots,
    tradingPatterns,
    alerts,
    alertQueue,
    approvalTracking,
    tradingAlerts,
    approvalRequests,
  ],
  // The sweep tells a published alert's past lifecycle events when its publisher stopped first: each
  // message links the alert's page in the console.
  environment: { ...THRESHOLDS, APPROVAL_BASE_URL: consoleUrl },
});

const minutes = EVENT_SOURCES.ThresholdChecker.scheduleMinutes;

export const thresholdSchedule = new aws.cloudwatch.EventRule("ThresholdCheckerSchedule", {
  name: `${prefix}-threshold-checker`,
  description: `Runs the ThresholdChecker every ${minutes} minutes`,
  scheduleExpression: everyMinutes(minutes),
});

new aws.cloudwatch.EventTarget("ThresholdCheckerScheduleTarget", {
  rule: thresholdSchedule.name,
  arn: thresholdChecker.target,
});
allowInvoke(thresholdChecker, "events.amazonaws.com", thresholdSchedule.arn, "Schedule");

/** Alarm state changes of this stage's alarms (all named `<app>-<stage>--…`, see alarmNamePrefix) that went into ALARM. */
export const alarmStateRule = new aws.cloudwatch.EventRule("AlarmStateChangeRule", {
  name: alarmStateRuleName,
  description: "This app's CloudWatch alarms entering ALARM become alerts",
  eventPattern: JSON.stringify({
    source: ["aws.cloudwatch"],
    "detail-type": ["CloudWatch Alarm State Change"],
    detail: {
      alarmName: [{ prefix: alarmPrefix }],
      state: { value: ["ALARM"] },
      previousState: { value: ["OK", "INSUFFICIENT_DATA"] },
    },
  }),
});

new aws.cloudwatch.EventTarget("AlarmStateChangeTarget", {
  rule: alarmStateRule.name,
  arn: alertQueue.arn,
  inputTransformer: {
    inputPaths: {
      alarm: "$.detail.alarmName",
      reason: "$.detail.state.reason",
      time: "$.time",
    },
    inputTemplate: JSON.stringify({
      alertId: "alarm-<alarm>-<time>",
      source: "threshold",
      symbol: "SYSTEM",
      interval: "alarm",
      severity: "HIGH",
      barTime: "<time>",
      createdAt: "<time>",
      message: "CloudWatch alarm <alarm> is in ALARM: <reason>",
      status: "QUEUED",
    }),
  },
});

new aws.sqs.QueuePolicy("AlertQueueEventsPolicy", {
  queueUrl: alertQueue.url,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AlarmStateChanges",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: alertQueue.arn,
        Condition: { ArnEquals: { "aws:SourceArn": alarmStateRule.arn } },
      },
    ],
  }),
});
