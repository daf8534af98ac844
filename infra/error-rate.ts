// The metric math every error-rate alarm shares: the function alarms and the release alarm differ only in
// which invocations they count (dimensions) and over how long (period); the API's alarm counts requests.
//
// CloudWatch's MAX takes a time series or an array of time series, not a series and a number, so
// `errors / MAX([invocations, 1])` is rejected when the alarm is created. IF(condition, a, b) is the
// documented way to guard a division: no invocations in a period is a 0% error rate.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
// (Metric math syntax and functions: IF, MAX, FILL; the Lambda error-rate example divides Errors by
// Invocations.)

/** The expression of the `errorRate` query: errors as a percentage of invocations, 0 without any. */
export const ERROR_RATE_EXPRESSION = "IF(invocations > 0, 100 * errors / invocations, 0)";

/** The queries of one error rate: `errors` over `invocations` (both summed), and their ratio `errorRate`. */
function errorRateQueries(
  namespace: string,
  [errors, invocations]: [string, string],
  dimensions: Record<string, $util.Input<string>>,
  periodSeconds: number,
): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
  const metric = (id: string, metricName: string) => ({
    id,
    metric: { namespace, metricName, dimensions, period: periodSeconds, stat: "Sum" },
  });
  return [
    metric("errors", errors),
    metric("invocations", invocations),
    {
      id: "errorRate",
      expression: ERROR_RATE_EXPRESSION,
      label: "Error rate (%)",
      returnData: true,
    },
  ];
}

/** A custom metric counting failures a function answers without failing (no Lambda error). */
export interface AnsweredFailures {
  namespace: string;
  metricName: string;
  dimensions: Record<string, $util.Input<string>>;
}

/**
 * Metric queries giving Lambda `Errors` as a percentage of `Invocations` (query id `errorRate`). With
 * `answered`, those failures count as errors too: `errors` is then Lambda's Errors plus them, a period
 * without any (the metric has no data then) counting 0 (FILL).
 *
 * @example
 * new aws.cloudwatch.MetricAlarm("X", { metricQueries: lambdaErrorRateQueries({ FunctionName: fn.name }, 300), ... })
 */
export function lambdaErrorRateQueries(
  dimensions: Record<string, $util.Input<string>>,
  periodSeconds: number,
  answered?: AnsweredFailures,
): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
  const queries = errorRateQueries("AWS/Lambda", ["Errors", "Invocations"], dimensions, periodSeconds);
  if (!answered) return queries;
  const [lambdaErrors, ...rest] = queries;
  return [
    { ...lambdaErrors, id: "lambdaErrors" },
    { id: "answered", metric: { ...answered, period: periodSeconds, stat: "Sum" } },
    { id: "errors", expression: "lambdaErrors + FILL(answered, 0)", label: "Errors, answered ones included" },
    ...rest,
  ];
}

/**
 * Metric queries giving a REST API's `5XXError` answers as a percentage of its requests (`Count`), query id
 * `errorRate`: what callers saw fail, whether the function answered 500 or API Gateway 502/504.
 *
 * @example
 * new aws.cloudwatch.MetricAlarm("X", { metricQueries: apiServerErrorRateQueries({ ApiName, Stage }, 300), ... })
 */
export function apiServerErrorRateQueries(
  dimensions: { ApiName: $util.Input<string>; Stage: $util.Input<string> },
  periodSeconds: number,
): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
  return errorRateQueries("AWS/ApiGateway", ["5XXError", "Count"], dimensions, periodSeconds);
}
