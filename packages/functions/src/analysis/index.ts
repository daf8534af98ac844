// The analysis feature's face (#analysis): detections as they travel (compact bars, graded summaries), their
// outcomes, and the TradingPatterns table.

export { type CompactBar, packBars, unpackBars } from "./compact-bars";
export { followed, withOutcomes } from "./followed";
export {
  type DetectionSummary,
  type EvidencedDetection,
  type GradedDetection,
  grade,
  summarize,
} from "./graded";
export {
  type DetectionToStore,
  earlierPatternKey,
  getPattern,
  type KnownPatterns,
  listPatterns,
  type OutcomeUpdate,
  type PatternKey,
  patternIdentities,
  patternsRead,
  recordOutcomes,
  type StoredPattern,
  savePatterns,
  storedOutcome,
} from "./repository";
export { packStoredBars, unpackStoredBars } from "./stored-bars";
