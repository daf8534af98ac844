// The PatternAnalysisWorkflow steps as functions: validate, detect one family, score, decide, manual review.

import {
  BarsError,
  PATTERN_FAMILIES,
  type PatternFamily,
  parseBarsJson,
  scanBars,
  sha256Hex,
} from "@stock-patterns/core";
import {
  detectionSummarySchema,
  gradedDetectionSchema,
  intervalSchema,
  MAX_BARS,
  MIN_BARS,
  symbolSchema,
} from "@stock-patterns/core/contracts";
import { NON_RETRYABLE_ERRORS } from "@stock-patterns/core/workflow";
import * as z from "zod";
import { type AlertSummary, alertsRead, raiseDetectionAlerts, storedAlertIds } from "#alerts";
import {
  type CompactBar,
  type DetectionSummary,
  type GradedDetection,
  grade,
  packBars,
  patternEvidenceRead,
  raisesAlert,
  savePatterns,
  summarize,
  unpackBars,
  withOutcomes,
} from "#analysis";
import { count, logger, recordDetectionRun, traced } from "#observability";
import { readTogether } from "#repositories";
import { type AlertAnswer, packAlerts, unpackAlerts } from "./alert-answers";
import { InvalidWorkflowInput } from "./errors";

const series = { symbol: symbolSchema, interval: intervalSchema };

function parse<T extends z.ZodType>(schema: T, event: unknown): z.infer<T> {
  const result = schema.safeParse(event);
  if (!result.success) throw InvalidWorkflowInput.fromZod(result.error);
  return result.data;
}

function readBars(bars: readonly unknown[]) {
  try {
    return parseBarsJson(unpackBars(bars));
  } catch (error) {
    if (error instanceof BarsError) throw new InvalidWorkflowInput(`bars: ${error.message}`);
    throw error;
  }
}

/** DataValidation: checks symbol, interval and bars; answers them normalized (bars compact). */
export function validate(event: unknown): { symbol: string; interval: string; bars: CompactBar[] } {
  const input = parse(z.object({ ...series, bars: z.array(z.unknown()) }), event);
  if (input.bars.length < MIN_BARS || input.bars.length > MAX_BARS) {
    throw new InvalidWorkflowInput(
      `bars: ${input.bars.length} given, between ${MIN_BARS} and ${MAX_BARS} needed`,
    );
  }
  return { symbol: input.symbol, interval: input.interval, bars: packBars(readBars(input.bars)) };
}

const familySchema = z.enum(Object.keys(PATTERN_FAMILIES) as [PatternFamily, ...PatternFamily[]]);

/** One family's detections, stored, in compact form. */
export interface FamilyResult {
  family: PatternFamily;
  symbol: string;
  interval: string;
  detections: DetectionSummary[];
}

/**
 * A family branch: scans the bars for the family's codes and stores what it finds (once per id), each
 * with its outcome as of the last bar given, which never replaces a newer one the stream stored, and
 * each that raises an alert with its code's evidence as of its detectedAt (for AlertDecision: the bars
 * stay out of its input, which the 256 KiB state quota could not hold with the detections).
 */
export async function detect(event: unknown): Promise<FamilyResult> {
  const input = parse(z.object({ ...series, family: familySchema, bars: z.array(z.unknown()) }), event);
  const bars = readBars(input.bars);
  const started = performance.now();
  const detections = await traced(`detect.${input.family}`, () =>
    scanBars(bars, { patterns: PATTERN_FAMILIES[input.family] }),
  );
  const elapsed = performance.now() - started;
  recordDetectionRun(detections, elapsed, input.family);
  const { patterns } = await savePatterns(
    input.symbol,
    input.interval,
    withOutcomes(bars, detections, raisesAlert),
    "api",
    bars,
  );
  return {
    family: input.family,
    symbol: input.symbol,
    interval: input.interval,
    detections: patterns.map(summarize),
  };
}

/** ConfidenceScoring: merges the families' detections and grades each confidence into a severity. */
export function score(event: unknown): { symbol: string; interval: string; detections: GradedDetection[] } {
  const input = parse(
    z.object({ ...series, families: z.array(z.object({ detections: z.array(detectionSummarySchema) })) }),
    event,
  );
  const all = input.families.flatMap((family) => family.detections);
  return { symbol: input.symbol, interval: input.interval, detections: grade(input.symbol, all) };
}

/** An analysis that completed: its detections graded and the alerts they raised. */
export interface AnalysisResult {
  status: "COMPLETED";
  symbol: string;
  interval: string;
  detections: GradedDetection[];
  alerts: AlertSummary[];
}

/** The workflow's answer when it completes: an AnalysisResult with its alerts packed (alert-answers.ts). */
export type WorkflowAnswer = Omit<AnalysisResult, "alerts"> & { alerts: AlertAnswer[] };

/**
 * The AnalysisResult of the workflow's answer.
 *
 * @example
 * const result = analysisOf(JSON.parse(execution.output));
 */
export function analysisOf(answer: WorkflowAnswer): AnalysisResult {
  const { symbol, interval, detections } = answer;
  return { ...answer, alerts: unpackAlerts(symbol, interval, detections, answer.alerts) };
}

/**
 * AlertDecision: raises an alert (stored once, queued) for each detection with a severity, each with the
 * evidence its family branch stored beside its detection (read in one call with the alerts stored); its
 * answer holds the alerts packed (alert-answers.ts), to fit Step Functions' state quota.
 */
export async function decide(event: unknown): Promise<WorkflowAnswer> {
  const input = parse(z.object({ ...series, detections: z.array(gradedDetectionSchema) }), event);
  const { symbol, interval, detections } = input;
  const alerting = detections.filter((d) => d.severity !== null);
  const [known, evidence] = await readTogether(
    alertsRead(alerting.flatMap((d) => storedAlertIds(symbol, interval, d))),
    patternEvidenceRead(alerting),
  );
  const evidenced = alerting.map((d) => ({ ...d, evidence: evidence.get(d.patternId) }));
  const alerts = await raiseDetectionAlerts(symbol, interval, evidenced, new Date(), known);
  return {
    status: "COMPLETED",
    symbol,
    interval,
    detections,
    alerts: packAlerts(symbol, interval, detections, alerts),
  };
}

/** The workflow's answer when a step failed for good. */
export interface ManualReviewResult {
  status: "MANUAL_REVIEW";
  reviewId: string;
  symbol?: string;
  interval?: string;
  error: string;
  /** The reason, when it is about the caller's input; other causes stay in the logs. */
  reason?: string;
}

function causeMessage(cause: unknown): string {
  if (typeof cause !== "string") return "";
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === "string" ? parsed.errorMessage : cause;
  } catch {
    return cause;
  }
}

/** ManualReview: logs the failed analysis for a human (with a stable id) and answers why. */
export function manualReview(event: unknown): ManualReviewResult {
  const input = z
    .object({
      // The ASL's { failure, symbol, interval, bars: count }; `input` (the caught state's whole input with
      // `failure` in it) is what a definition deployed before that sends while a release is under way.
      input: z.record(z.string(), z.unknown()).optional(),
      failure: z.object({ Error: z.string().optional(), Cause: z.unknown() }).partial().optional(),
      symbol: z.unknown().optional(),
      interval: z.unknown().optional(),
      bars: z.unknown().optional(),
      startedAt: z.string().optional(),
    })
    .parse(event ?? {});
  const { failure, bars, ...rest } = (input.input ?? {
    failure: input.failure,
    bars: input.bars,
    symbol: input.symbol,
    interval: input.interval,
  }) as { failure?: { Error?: string; Cause?: unknown } } & Record<string, unknown>;
  const error = typeof failure?.Error === "string" ? failure.Error : "Unknown";
  const reviewId = `rev_${sha256Hex(JSON.stringify([rest, input.startedAt ?? "", error])).slice(0, 24)}`;
  const symbol = typeof rest.symbol === "string" ? rest.symbol : undefined;
  const interval = typeof rest.interval === "string" ? rest.interval : undefined;
  const message = causeMessage(failure?.Cause);
  logger.error("Pattern analysis needs manual review", {
    reviewId,
    symbol,
    interval,
    bars: Array.isArray(bars) ? bars.length : typeof bars === "number" ? bars : undefined,
    error,
    cause: message,
  });
  count("ManualReviews");
  const reason = (NON_RETRYABLE_ERRORS as readonly string[]).includes(error) ? message : undefined;
  return { status: "MANUAL_REVIEW", reviewId, symbol, interval, error, reason };
}
