// The alert decision: a detection's confidence sets its severity; CRITICAL needs a human approver.

/** Every severity, most urgent first: the one list the API, the console and the local run read. */
export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Minimum confidence for each severity. */
export interface SeverityThresholds {
  critical: number;
  high: number;
  medium: number;
}

export const DEFAULT_SEVERITY_THRESHOLDS: Readonly<SeverityThresholds> = {
  critical: 90,
  high: 75,
  medium: 60,
};

/**
 * Checks that thresholds are numbers in 0–100 with critical >= high >= medium; returns them.
 *
 * @example
 * severityThresholds({ critical: 95, high: 80, medium: 65 })
 */
export function severityThresholds(thresholds: SeverityThresholds): SeverityThresholds {
  const { critical, high, medium } = thresholds;
  for (const [name, value] of Object.entries(thresholds)) {
    if (!Number.isFinite(value) || value < 0 || value > 100) {
      throw new RangeError(`${name} threshold must be a number from 0 to 100, got ${value}`);
    }
  }
  if (!(critical >= high && high >= medium)) {
    throw new RangeError(
      `thresholds must satisfy critical >= high >= medium, got ${critical}, ${high}, ${medium}`,
    );
  }
  return thresholds;
}

/**
 * The severity of an alert for this confidence, or null when it raises no alert.
 *
 * @example
 * decideSeverity(92) // "CRITICAL"
 * decideSeverity(59) // null
 */
export function decideSeverity(
  confidence: number,
  thresholds: SeverityThresholds = DEFAULT_SEVERITY_THRESHOLDS,
): Severity | null {
  if (confidence >= thresholds.critical) return "CRITICAL";
  if (confidence >= thresholds.high) return "HIGH";
  if (confidence >= thresholds.medium) return "MEDIUM";
  return null;
}

/**
 * CRITICAL alerts wait for a human approver before they are published.
 *
 * @example
 * requiresApproval("CRITICAL") // true
 * requiresApproval("HIGH") // false
 */
export function requiresApproval(severity: Severity): boolean {
  return severity === "CRITICAL";
}

/**
 * The severity band a confidence falls in, as a low-cardinality metric dimension: the same bands
 * `decideSeverity` uses, so a changed threshold moves both.
 *
 * @example
 * confidenceBand(80) // "75-89"
 * confidenceBand(12) // "0-59"
 */
export function confidenceBand(
  confidence: number,
  thresholds: SeverityThresholds = DEFAULT_SEVERITY_THRESHOLDS,
): string {
  const { critical, high, medium } = thresholds;
  if (confidence >= critical) return `${critical}-100`;
  if (confidence >= high) return `${high}-${critical - 1}`;
  if (confidence >= medium) return `${medium}-${high - 1}`;
  return `0-${medium - 1}`;
}
