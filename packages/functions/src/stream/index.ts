// The stream feature's face (#stream): market bars read off MarketDataStream, applied to each symbol's
// window, bad ones set aside.

export { type ApplyResult, applyBars, type ReadBefore, type SetAside } from "./apply-bars";
export { applyBatch, type SeriesBars } from "./apply-batch";
export { decodeMarketBar, type MarketBar } from "./market-bar";
export { partitionedBySymbol } from "./partition";
export { alertsToRead, type PreparedBars, prepareBars } from "./prepare-bars";
export { REJECT_MESSAGE_BYTES, setAsideRejectedMarketData } from "./rejected-market-data";
export {
  LOGGED_DATA_CHARS,
  loggedReject,
  type RejectedMarketRecord,
  rejectedRecord,
} from "./rejected-record";
export {
  eachWindow,
  followInstead,
  heldBars,
  loadWindow,
  loadWindows,
  type ScannedWindow,
  type SymbolWindow,
  saveWindow,
  WindowConflictError,
  type WindowSeries,
  type WindowTracking,
  windowsFollowing,
} from "./repository";
