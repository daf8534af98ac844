// The face of @stock-patterns/core: detection, scoring and alert decisions, with no AWS in sight.
export {
  DEFAULT_SEVERITY_THRESHOLDS,
  decideSeverity,
  requiresApproval,
  type SeverityThresholds,
  severityThresholds,
} from "./alerts/severity";
export { BarsError, parseBarsCsv, parseBarsJson, timeValue, validateBars } from "./bars";
export type { DetectOptions } from "./engine/options";
export { scanBars, scanCloses } from "./engine/scan";
export { DEFAULT_BANDWIDTH, WINDOW } from "./engine/spec";
export { StreamingDetector } from "./engine/streaming";
export { PATTERN_FAMILIES, type PatternFamily } from "./patterns/families";
export { confidence, type PatternShape } from "./scoring/confidence";
export * from "./types";
