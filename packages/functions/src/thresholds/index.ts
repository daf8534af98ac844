// The thresholds feature's face (#thresholds): the periodic check of each window against the thresholds.

export { checkWindow } from "./check";
