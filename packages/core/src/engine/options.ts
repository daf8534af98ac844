// Options shared by the batch scan and the streaming detector.

import { PATTERN_CODES, type PatternCode } from "../types";
import { DEFAULT_BANDWIDTH } from "./spec";

export interface DetectOptions {
  /** Kernel bandwidth in bars, > 0. Default 1.0. */
  bandwidth?: number;
  /** Only these codes are reported (for example one family of the workflow). Default: all twelve. */
  patterns?: readonly PatternCode[];
}

/** Resolves defaults and rejects unknown pattern codes. */
export function resolveOptions(options: DetectOptions = {}): { bandwidth: number; wanted: Set<PatternCode> } {
  const patterns = options.patterns ?? PATTERN_CODES;
  for (const code of patterns) {
    if (!PATTERN_CODES.includes(code)) throw new RangeError(`unknown pattern code "${code}"`);
  }
  return { bandwidth: options.bandwidth ?? DEFAULT_BANDWIDTH, wanted: new Set(patterns) };
}
