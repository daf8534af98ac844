// The workflows' face (#workflow): the PatternAnalysisWorkflow and PowerTuningWorkflow task actions and their
// input error.

export {
  type AnalysisResult,
  analysisOf,
  decide,
  detect,
  type ManualReviewResult,
  manualReview,
  score,
  validate,
  type WorkflowAnswer,
} from "./analysis-actions";
export { InvalidWorkflowInput } from "./errors";
export { MAX_WORKFLOW_RESULT_BYTES, type ResultSize, resultSize } from "./result-size";
export { tuneCleanUp, tuneInitialize, tuneMeasure, tunePublishVersion, tuneSelect } from "./tuning-actions";
