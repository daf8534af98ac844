// The thresholds feature's face (#thresholds): the periodic check of every window against the thresholds.

export { checkThresholds } from "./check";
