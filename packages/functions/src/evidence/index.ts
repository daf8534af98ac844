// The evidence feature's face (#evidence): each series' running tally, stored when due, and pooled across
// symbols.

export { EvidencePooling, type PooledWindow, type PoolResult, poolEvidence } from "./pool";
export { type PooledFrom, pooledAsOf } from "./pooled-as-of";
export {
  type EvidenceSnapshot,
  oldestSeriesSnapshot,
  pooledSnapshot,
  saveSeriesSnapshot,
  seriesList,
  seriesSnapshot,
} from "./repository";
export { snapshotDue } from "./snapshot-due";
