// The configuration's face (#config): where the linked resources are and how long work waits before it counts
// as stranded.

export { DEFAULT_RECOVERY_TIMING, type RecoveryTiming, recoveryTiming } from "./recovery";
export { linked } from "./resources";
export { retentionDaysOfStage } from "./retention";
