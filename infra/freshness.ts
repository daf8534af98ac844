// Whether operations hear of work arriving late or not at all: the KinesisConsumer's lag behind the market
// data stream, its mapping no longer invoking it, and the ThresholdChecker's schedule falling silent. Named
// by alarmName, so the alarm-state rule turns each into an alert like every other alarm.
import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import { alarmName } from "./account";
import { invokedDimensions } from "./lambda";
import { thresholdChecker } from "./schedule";
import { kinesisConsumer, marketData } from "./stream";

/**
 * How old (ms) the newest record of a batch may be when the KinesisConsumer gets it: one bar of 1m, the
 * shortest interval a bar may have (core's intervalSchema takes no seconds). Past it the next bar of such a
 * series is already on the stream, so detections are a bar late. By design a record waits at most the
 * batching window (5 s), twelve times less.
 */
export const STREAM_LAG_THRESHOLD_MS = 60_000;
/** Minutes in a row above the threshold: one slow batch (a retry, a cold start) is no lag. */
const LAG_MINUTES = 3;

/**
 * Lambda's IteratorAge for a stream event source: the age of the last record of each batch, from when the
 * stream received it to when the mapping sent the batch, a datapoint a minute; its Maximum is the most
 * late any batch was. The mapping reads through the enhanced fan-out consumer and invokes the live alias.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html (Performance metrics)
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html (monitoring: IteratorAge)
 * No batch means no datapoint: a stream without bars (a market closed) is not late.
 */
export const streamLagAlarm = new aws.cloudwatch.MetricAlarm("KinesisConsumerLagAlarm", {
  name: alarmName("KinesisConsumer-lag"),
  alarmDescription: `Market data reaches the KinesisConsumer more than ${STREAM_LAG_THRESHOLD_MS / 1000} s after it entered the stream, for ${LAG_MINUTES} minutes: detections are late`,
  namespace: "AWS/Lambda",
  metricName: "IteratorAge",
  dimensions: invokedDimensions(kinesisConsumer),
  statistic: "Maximum",
  period: 60,
  evaluationPeriods: LAG_MINUTES,
  datapointsToAlarm: LAG_MINUTES,
  comparisonOperator: "GreaterThanThreshold",
  threshold: STREAM_LAG_THRESHOLD_MS,
  treatMissingData: "notBreaching",
});

/**
 * Records entered the stream in a period (`records`, Kinesis' IncomingRecords, Sum, by StreamName) and the
 * alias the mapping invokes ran none (`invocations`, Lambda's Invocations, Sum): 1, else 0. A period
 * without records or without invocations has no datapoint for that metric, so each is FILLed with 0.
 * https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html (IncomingRecords)
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html (FILL, IF, AND)
 */
export const STALLED_EXPRESSION = "IF(FILL(records, 0) > 0 AND FILL(invocations, 0) == 0, 1, 0)";
/** Lambda counts a batch when it runs; five minutes hold many batches, and one at the 60 s timeout. */
const STALL_PERIOD_SECONDS = 300;
/** A record landing at a period's end is read in the next: only periods in a row are a stall. */
const STALL_PERIODS = 2;

/**
 * The lag alarm needs batches to measure: a mapping that stops invoking (disabled, its permission or the
 * consumer gone, the function throttled throughout) gives no IteratorAge at all, so that alarm stays OK
 * while bars pile up unread. This one compares what the stream takes with what the alias runs.
 */
export const streamStalledAlarm = new aws.cloudwatch.MetricAlarm("KinesisConsumerStalledAlarm", {
  name: alarmName("KinesisConsumer-not-reading"),
  alarmDescription: `Market data entered the stream for ${(STALL_PERIODS * STALL_PERIOD_SECONDS) / 60} minutes and the KinesisConsumer ran no batch: no detections are made`,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 0,
  evaluationPeriods: STALL_PERIODS,
  datapointsToAlarm: STALL_PERIODS,
  // No records and no invocations: a closed market, nothing to read.
  treatMissingData: "notBreaching",
  metricQueries: [
    {
      id: "records",
      metric: {
        namespace: "AWS/Kinesis",
        metricName: "IncomingRecords",
        dimensions: { StreamName: marketData.name },
        period: STALL_PERIOD_SECONDS,
        stat: "Sum",
      },
    },
    {
      id: "invocations",
      metric: {
        namespace: "AWS/Lambda",
        metricName: "Invocations",
        dimensions: invokedDimensions(kinesisConsumer),
        period: STALL_PERIOD_SECONDS,
        stat: "Sum",
      },
    },
    {
      id: "stalled",
      expression: STALLED_EXPRESSION,
      label: "Records in, no batch run",
      returnData: true,
    },
  ],
});

/** The ThresholdChecker's schedule (the catalog's, as the rule's): one period per scheduled run. */
const SCHEDULE_SECONDS = EVENT_SOURCES.ThresholdChecker.scheduleMinutes * 60;
/** Periods in a row without a run: a run landing late in the next period empties one, not three. */
const SILENT_PERIODS = 3;

/**
 * The ThresholdChecker's error-rate alarm counts no missing data as a failure, so a schedule that stops
 * (rule disabled, its target or invoke permission gone) would stop thresholds, evidence pooling and the
 * sweep of stranded alerts and approvals without a word. Lambda's Invocations (Sum) of the alias the rule
 * invokes counts the runs; a period without any has no datapoint, which here is breaching.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html (Invocation metrics)
 */
export const scheduleSilentAlarm = new aws.cloudwatch.MetricAlarm("ThresholdCheckerSilentAlarm", {
  name: alarmName("ThresholdChecker-not-running"),
  alarmDescription: `The ThresholdChecker has not run for ${SILENT_PERIODS} of its ${SCHEDULE_SECONDS / 60}-minute periods: thresholds, evidence and the sweep of stranded alerts and approvals stopped`,
  namespace: "AWS/Lambda",
  metricName: "Invocations",
  dimensions: invokedDimensions(thresholdChecker),
  statistic: "Sum",
  period: SCHEDULE_SECONDS,
  evaluationPeriods: SILENT_PERIODS,
  datapointsToAlarm: SILENT_PERIODS,
  comparisonOperator: "LessThanThreshold",
  threshold: 1,
  treatMissingData: "breaching",
});
