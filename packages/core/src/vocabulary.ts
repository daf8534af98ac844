// The values the console takes from core, as one small face: the approval statuses and id form, the API
// keys' roles, pattern codes and names, the claimed directions, the outcome windows, the bars the stream
// holds, how far back a stored detection's bars reach, a bar interval's length, the Wilson interval, the
// lift's interval and smallest sample, the plural of a count and a price as every surface writes it (the
// index exports only some of these). The browser bundle gets these modules only: core is sideEffects-free,
// and none of them imports zod.

export { APPROVAL_ID, APPROVAL_STATUSES } from "./approvals/decision";
export { API_KEY_ROLES, type ApiKeyRole } from "./contracts/key-roles";
export {
  ASSUMES_INDEPENDENT,
  liftInterval,
  MIN_SAMPLE,
  NO_INTERVAL,
  UNCHANGED_CLOSES,
  WIDENED,
} from "./evidence/lift-interval";
export { wilsonInterval } from "./evidence/statistics";
export { BREAKOUT_BARS, EXPECTED_DIRECTION, HORIZONS, RESOLUTION_BARS } from "./outcomes/spec";
export { RESOLVED_STATUSES } from "./outcomes/types";
export { DETECTION_BARS_REACH } from "./series/detection-bars";
export { BARS_AFTER_DECISION, HELD_BARS } from "./series/held";
export { intervalSpanMs } from "./series/interval";
export { PATTERN_CODES, PATTERN_NAMES } from "./types";
export { counted } from "./words/counted";
export { listed } from "./words/listed";
export { priceText } from "./words/price";
