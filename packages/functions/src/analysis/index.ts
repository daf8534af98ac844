// The analysis feature's face (#analysis): detections as they travel (compact bars, graded summaries), their
// outcomes, and the TradingPatterns table.

export { type CompactBar, packBars, unpackBars } from "./compact-bars";
export { followed, withOutcomes } from "./followed";
export {
  type DetectionSummary,
  type EvidencedDetection,
  type GradedDetection,
  grade,
  gradedOf,
  raisesAlert,
  summarize,
} from "./graded";
export {
  getPattern,
  listPatterns,
  type PatternQuery,
  patternIdentities,
  storedOutcome,
  storedOutcomes,
} from "./pattern-reads";
export type { DetectionToStore, PatternKey, StoredPattern } from "./pattern-table";
export {
  earlierPatternKey,
  type KnownPatterns,
  type OutcomeUpdate,
  patternEvidenceRead,
  patternsRead,
  recordOutcomes,
  savePatterns,
} from "./repository";
export { packStoredBars, unpackStoredBars } from "./stored-bars";
