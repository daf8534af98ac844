// The stream feature's face (#stream): market bars read off MarketDataStream, applied to each symbol's
// window, bad ones set aside.

export { applyBars } from "./apply-bars";
export { decodeMarketBar, type MarketBar } from "./market-bar";
export { setAsideRejectedMarketData } from "./rejected-market-data";
export { type RejectedMarketRecord, rejectedRecord } from "./rejected-record";
export {
  heldBars,
  listWindows,
  loadWindow,
  loadWindows,
  type SymbolWindow,
  saveWindow,
  WindowConflictError,
} from "./repository";
