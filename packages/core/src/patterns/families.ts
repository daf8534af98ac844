// The three detector branches of PatternAnalysisWorkflow, each a family of codes.

import type { PatternCode } from "../types";

export const PATTERN_FAMILIES = {
  headAndShoulders: ["HS", "IHS"],
  double: ["DTOP", "DBOT"],
  triangle: ["BTOP", "BBOT", "TTOP", "TBOT", "RTOP", "RBOT", "ATRI", "DTRI"],
} as const satisfies Record<string, readonly PatternCode[]>;

export type PatternFamily = keyof typeof PATTERN_FAMILIES;
