// The custom CloudWatch metrics, named once: functions emit them, infra's dashboard and alarms read them.

/** The Powertools namespace every function writes its metrics to. */
export const METRICS_NAMESPACE = "StockPatternDetection";

/**
 * The business metrics and the dimensions each is emitted with (Powertools adds `service` to each). A
 * metric with `plotted` is filed in the same EMF line under those fewer dimensions too: the series the
 * dashboard draws, as a SEARCH returns at most 500 series.
 */
export const BUSINESS_METRICS = {
  /** Milliseconds one detection run took; per pattern and confidence band, and once with `service` only. */
  PatternDetectionDuration: { dimensions: ["Confidence", "PatternType"] },
  /** A detection's confidence, 0–100; plotted per pattern, as 8,000 symbols make 8,000 series a pattern. */
  ConfidenceScore: { dimensions: ["PatternType", "Symbol"], plotted: ["PatternType"] },
  /** One per alert raised, by severity. */
  AlertPriority: { dimensions: ["Severity"] },
  /**
   * One per request the Api answered 500, by the function version that answered (Lambda counts no error:
   * the invocation succeeds); the release alarm adds them to the new version's errors.
   */
  ServerErrorAnswers: { dimensions: ["ExecutedVersion"] },
} as const;
export type BusinessMetric = keyof typeof BUSINESS_METRICS;

/** Plain counts in a handler's metric set (dimension `service` only). */
export const COUNTERS = [
  "ThresholdAlerts",
  "MalformedRecords",
  "RejectedRecordsNotSetAside",
  "BarsApplied",
  "DuplicateBars",
  /** Bars older than a bar of their series applied in an earlier batch: set aside on RejectedMarketData. */
  "LateRecords",
  /**
   * Bars resent at an instant already applied (or named first in their batch) with other values (open,
   * high, low, close or volume): set aside on RejectedMarketData. A resend with the same values is one of
   * the DuplicateBars.
   */
  "ConflictingRecords",
  /**
   * Records whose partition key is not their symbol: applied, but Lambda keeps only one key's records in
   * order, so at a parallelization factor above 1 a symbol spread over keys may see its bars out of order.
   */
  "MisroutedRecords",
  "MalformedAlertMessages",
  "MalformedApprovalMessages",
  "ApprovalsExpired",
  "ManualReviews",
  /** Alerts the sweep put back on AlertQueue (stranded QUEUED, or claimed for approval and never announced). */
  "StrandedAlertsRedriven",
  /** Approvals the sweep expired (their PendingApprovals message was lost). */
  "StrandedApprovalsExpired",
  /** Stored detections whose outcome a stream batch moved (a breakout, a resolution, a forward return). */
  "OutcomesMoved",
  /** Lifecycle messages sent on TradingAlerts (breakouts and resolutions of published or approved alerts). */
  "LifecycleMessagesSent",
] as const;
export type Counter = (typeof COUNTERS)[number];
