// The ThresholdChecker's rules and their configuration: pure trading logic, read by functions and infra.
export {
  DEFAULT_THRESHOLDS,
  THRESHOLD_VARIABLES,
  type Thresholds,
  thresholdsEnvironment,
  thresholdsFromEnv,
  thresholdsSchema,
} from "./config";
export { type Breach, evaluateBars, THRESHOLD_RULES, type ThresholdRule } from "./evaluate";
