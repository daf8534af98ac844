// The face of @stock-patterns/local: start the whole system on one machine, replay market data into it.

export { type Endpoints, kinesisClient } from "@stock-patterns/emulators";
export type { PollerReport } from "./pollers/poller";
export { type MarketDataRecord, marketDataEntry, type ReplayOptions, replayBars } from "./replay/replay";
export type { PollerTiming } from "./runtime/config";
export type { LocalApiKeys } from "./system/api-keys";
export { DirectoryInUse } from "./system/directory-lock";
export type { LocalOutputs } from "./system/outputs";
export { DEFAULT_REPLAY_FILE } from "./system/paths";
export { NotReady } from "./system/readiness";
export { type LocalSystem, type SystemOptions, startSystem } from "./system/start-system";
export type { StreamPosition } from "./system/stream-progress";
export type { ApprovalRequest, Notification } from "./watch/notifications";
export type { SystemStats } from "./watch/stats";
