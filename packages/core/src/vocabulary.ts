// The trading vocabulary as plain values with no zod behind them, so the console can import them into
// its bundle (the package's index pulls in the contracts' zod schemas, about 100 kB for the browser).

export { wilsonInterval } from "./evidence/statistics";
export { BREAKOUT_BARS, EXPECTED_DIRECTION, HORIZONS, RESOLUTION_BARS } from "./outcomes/spec";
export { RESOLVED_STATUSES } from "./outcomes/types";
export { PATTERN_CODES, PATTERN_NAMES } from "./types";
