// The shapes the console reads from the API: core's API schemas, inferred (see docs/api.md).

// Type-only: the domain's shapes come from core and vanish from the bundle; the console talks HTTP only.
import type { AlertStatus, ApprovalView, Severity } from "@stock-patterns/core";
import type { AlertDetail, DecisionAnswer, Page } from "@stock-patterns/core/contracts";

export type {
  AlertStatus,
  ApprovalStatus,
  Bar,
  Decision,
  Detection,
  Direction,
  Extremum,
  ExtremumKind,
  Outcome,
  OutcomeStatus,
  PatternCode,
  ResolvedStatus,
  Severity,
} from "@stock-patterns/core";

/** Where each severity sits in the console's lists; typed by core's Severity, so none can be missing. */
const SEVERITY_ORDER: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2 };
export const SEVERITIES = Object.keys(SEVERITY_ORDER) as Severity[];

/** Where each alert status sits in the history's filter: the ones waiting on a person first. */
const STATUS_ORDER: Record<AlertStatus, number> = {
  PENDING_APPROVAL: 0,
  APPROVED: 1,
  REJECTED: 2,
  EXPIRED: 3,
  PUBLISHED: 4,
  QUEUED: 5,
};
export const ALERT_STATUSES = Object.keys(STATUS_ORDER) as AlertStatus[];

/** An alert raised from a detection or a threshold rule; GET /alerts/{id} adds its detection and bars. */
export type Alert = Omit<AlertDetail, "bars"> & {
  /** The bars around the pattern; read with barRows, which also takes the workflow's compact tuples. */
  bars?: unknown[];
};
/**
 * A code's evidence as the API sends it (PATTERNS.md "Evidence"): on an alert the stream raised, the running
 * evidence; on one POST /patterns raised, the whole evidence (with median and KS); GET /stats, the running one.
 */
export type EvidenceFigures = NonNullable<AlertDetail["evidence"]>;
/** One horizon of it: the pattern's returns, the baseline's, and the lift for codes that claim a direction. */
export type HorizonFigures = EvidenceFigures["horizons"][string];
/** A horizon of the whole evidence: with the medians of both and their Kolmogorov-Smirnov test. */
export type WholeHorizonFigures = Extract<HorizonFigures, { ks: unknown }>;

/** A CRITICAL alert's approval request as GET /approvals answers it. */
export type Approval = ApprovalView;
export type { DecisionAnswer, Page };
