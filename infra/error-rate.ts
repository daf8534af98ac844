// The metric math every Lambda error-rate alarm shares: the function alarms and the release alarm differ
// only in which invocations they count (dimensions) and over how long (period).

/**
 * Metric queries giving Lambda `Errors` as a percentage of `Invocations` (query id `errorRate`).
 *
 * @example
 * new aws.cloudwatch.MetricAlarm("X", { metricQueries: lambdaErrorRateQueries({ FunctionName: fn.name }, 300), ... })
 */
export function lambdaErrorRateQueries(
  dimensions: Record<string, $util.Input<string>>,
  periodSeconds: number,
): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
  const metric = (id: string, metricName: string) => ({
    id,
    metric: { namespace: "AWS/Lambda", metricName, dimensions, period: periodSeconds, stat: "Sum" },
  });
  return [
    metric("errors", "Errors"),
    metric("invocations", "Invocations"),
    {
      id: "errorRate",
      expression: "100 * errors / MAX([invocations, 1])",
      label: "Error rate (%)",
      returnData: true,
    },
  ];
}
