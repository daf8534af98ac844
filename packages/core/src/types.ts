// The trading vocabulary every package shares: bars in, detections and alerts out.

/** One price bar. `time` is kept verbatim as it appeared in the input. */
export interface Bar {
  time: string;
  close: number;
  open?: number;
  high?: number;
  low?: number;
  volume?: number;
}

export type ExtremumKind = "max" | "min";

/** A local extremum of the smoothed series, priced at the actual close (see PATTERNS.md). */
export interface Extremum {
  time: string;
  price: number;
  kind: ExtremumKind;
}

/** The twelve pattern codes, in the reporting order of PATTERNS.md. */
export const PATTERN_CODES = [
  "HS",
  "BTOP",
  "TTOP",
  "RTOP",
  "IHS",
  "BBOT",
  "TBOT",
  "RBOT",
  "ATRI",
  "DTRI",
  "DTOP",
  "DBOT",
] as const;

export type PatternCode = (typeof PATTERN_CODES)[number];

export const PATTERN_NAMES: Readonly<Record<PatternCode, string>> = {
  HS: "head-and-shoulders",
  BTOP: "broadening top",
  TTOP: "triangle top",
  RTOP: "rectangle top",
  IHS: "inverse head-and-shoulders",
  BBOT: "broadening bottom",
  TBOT: "triangle bottom",
  RBOT: "rectangle bottom",
  ATRI: "ascending triangle",
  DTRI: "descending triangle",
  DTOP: "double top",
  DBOT: "double bottom",
};

/** One pattern found in one window. */
export interface Detection {
  pattern: PatternCode;
  /** Time of E1 (five-extremum patterns) or F (double tops and bottoms). */
  start: string;
  /** Time of E5, the completing extremum. */
  end: string;
  /** Time of the window's last bar: when the pattern became known. */
  detectedAt: string;
  /** The extremum records, and this array itself, may be shared with other detections of the same scan: read them, never change them. */
  extrema: Extremum[];
  /** 0–100, see scoring/confidence.ts. */
  confidence: number;
}

export type { Severity } from "./alerts/severity";
