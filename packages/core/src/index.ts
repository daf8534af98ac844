// The face of @stock-patterns/core: detection, scoring and alert decisions, with no AWS in sight.

export { type Alert, alertSchema, toAlertView } from "./alerts/alert";
export { ALERT_MOVES, type AlertMove, type AlertMoveRule, canMove, statusesAfter } from "./alerts/lifecycle";
export {
  confidenceBand,
  DEFAULT_SEVERITY_THRESHOLDS,
  decideSeverity,
  requiresApproval,
  SEVERITIES,
  type SeverityThresholds,
  severityThresholds,
} from "./alerts/severity";
export { ALERT_SOURCES, ALERT_STATUSES, type AlertSource, type AlertStatus } from "./alerts/status";
export {
  type ApprovalTimes,
  type ApprovalView,
  approvalViewSchema,
  deadlineOf,
  isExpired,
  keptClosedUntil,
  keptOpenUntil,
  ranOut,
} from "./approvals/approval";
export {
  APPROVAL_STATUSES,
  type ApprovalStatus,
  DECISION_STATUS,
  DECISIONS,
  type Decision,
  statusOf,
} from "./approvals/decision";
export {
  AMBIGUOUS_DIGITS,
  ambiguousDate,
  askedTime,
  type BarColumns,
  BarsError,
  barColumns,
  barFieldNamed,
  barProblem,
  barSymbol,
  calendarDateValue,
  cutQuoted,
  decimalCell,
  headerName,
  instantOutsideYears,
  instantValue,
  isJsonObject,
  isoDateTimeValue,
  isoDateValue,
  type JsonTimeReader,
  jsonBars,
  LAST_INSTANT,
  misnamedBarFields,
  misnamedOptionalFields,
  NUMERIC_FIELDS,
  type NumericField,
  needsEscaping,
  notAfterPrevious,
  POLYGON_BAR_KEYS,
  PRICE_RANGE,
  parseBarsCsv,
  parseBarsJson,
  priceIsValid,
  priceProblem,
  quotedCell,
  quotedText,
  SeriesSymbol,
  symbolColumnOf,
  type TimeStyle,
  timeStyle,
  timeValue,
  VOLUME_MAX,
  validateBars,
  volumeIsValid,
  volumeProblem,
} from "./bars";
export { unpadded } from "./contracts/padding";
export { SYMBOL_RULE, SYMBOL_SHAPE, storedSymbol } from "./contracts/symbol-rule";
export type { IndexedBars } from "./engine/bar-reader";
export type { DetectionSink } from "./engine/detections";
export type { DetectOptions } from "./engine/options";
export { scanBars, scanCloses, scanOutcomes } from "./engine/scan";
export { type BarSeriesColumns, scanColumns } from "./engine/scan-columns";
export { DEFAULT_BANDWIDTH, WINDOW } from "./engine/spec";
export {
  type BarUpdate,
  DETECTOR_STATE_VERSION,
  type DetectorState,
  StreamingDetector,
  type StreamOptions,
} from "./engine/streaming";
export { EvidencePool, evidenceOf } from "./evidence/evidence";
export { type EvidenceAsk, evidenceAtTimes } from "./evidence/evidence-at";
export { type DesignEffects, LiftDependence } from "./evidence/lift-dependence";
export {
  type LiftFigures,
  type LiftInterval,
  liftInterval,
  MIN_SAMPLE,
  NO_INTERVAL,
  type NoIntervalReason,
  UNCHANGED_CLOSES,
  WIDENED,
} from "./evidence/lift-interval";
export { addTally, poolTallies, tallyEvidence } from "./evidence/pool";
export {
  asOfValue,
  countSeries,
  type EvidenceBars,
  type SeriesCount,
  type SeriesOutcomes,
} from "./evidence/series-count";
export { emptyEvidenceTally } from "./evidence/tally";
export type * from "./evidence/types";
export {
  ALERT_ID,
  type DetectionIdentity,
  givenAlertId,
  lifecycleEventId,
  PATTERN_ID,
  patternAlertId,
  patternId,
  sha256Hex,
  textPatternAlertId,
  textPatternId,
  textThresholdAlertId,
  thresholdAlertId,
} from "./ids/ids";
export { type DetectionBars, type MovedOutcome, movedOutcomesOf, outcomesOf } from "./outcomes/batch";
export type { OutcomeBookState, TrackedDetection } from "./outcomes/book";
export { scanColumnOutcomes } from "./outcomes/column-scan";
export {
  BARS_IN_WINDOW_AFTER_SETTLED,
  detectionRecord,
  outcomeRecord,
  outcomeSettled,
} from "./outcomes/record";
export { type Direction, EXPECTED_DIRECTION, HORIZONS, type Horizon } from "./outcomes/spec";
export type { OpenOutcome } from "./outcomes/track";
export * from "./outcomes/types";
export { PATTERN_FAMILIES, type PatternFamily } from "./patterns/families";
export { detectionOrder } from "./patterns/order";
export { confidence, type PatternShape } from "./scoring/confidence";
export { DETECTION_BARS_REACH, LEAD_BARS } from "./series/detection-bars";
export { BARS_AFTER_DECISION, HELD_BARS } from "./series/held";
export { seriesKey } from "./series/key";
export { sortableTime } from "./series/sortable-time";
export * from "./thresholds";
export * from "./types";
export { codeUnitOrder } from "./words/code-unit-order";
export { counted } from "./words/counted";
export { listed } from "./words/listed";
export { matchedLiterally } from "./words/matched-literally";
export { meantPaths, type PathLookup } from "./words/meant-path";
export { didYouMean, nearMiss, nearMisses } from "./words/near-miss";
export { priceText } from "./words/price";
