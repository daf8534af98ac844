// How much work each stage may take on, in one place: the executions a stage reserves for its functions,
// the API's limits, and the analysis rate those reservations carry.
//
// Reserved concurrency is taken from the account's unreserved pool, and Lambda keeps at least 100 of that
// pool unreserved: a reservation that would leave less fails the deploy ("Specified
// ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its
// minimum value of [100]"). New accounts often start with a total of 10 to 400, so only production reserves;
// a personal stage, `sst dev` included, shares the pool. Add a stage here to give it a reservation.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html

/** Functions that may hold a reservation. */
export type ReservingFunction = "PatternDetector";

/** Concurrent executions reserved per stage and function. */
export const RESERVED_EXECUTIONS: Readonly<Record<string, Partial<Record<ReservingFunction, number>>>> = {
  production: { PatternDetector: 50 },
};

/** The least unreserved concurrency Lambda leaves in an account. */
export const MIN_UNRESERVED_EXECUTIONS = 100;

/**
 * The executions `stage` reserves for `fn`, or undefined when it shares the account's pool.
 * @example
 * reservedExecutions("production", "PatternDetector") // 50
 * reservedExecutions("alice", "PatternDetector") // undefined
 */
export function reservedExecutions(stage: string, fn: ReservingFunction): number | undefined {
  return RESERVED_EXECUTIONS[stage]?.[fn];
}

/**
 * Everything `stage` reserves, summed: what a deploy takes from the unreserved pool.
 * @example
 * totalReservedExecutions("production") // 50
 */
export function totalReservedExecutions(stage: string): number {
  return Object.values(RESERVED_EXECUTIONS[stage] ?? {}).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** Throttling of every method of the stage (reads are cheap: one Api invocation each). */
export const STAGE_THROTTLING = { rateLimit: 1000, burstLimit: 2000 } as const;

/**
 * The seconds one PatternDetector task is budgeted, DynamoDB writes included: an assumption, not a
 * measurement (the detection itself takes about a millisecond for 5,000 bars in the benchmark). The
 * dashboard's "Lambda duration" widget shows the real figure; lower the budget only with that evidence.
 */
export const ANALYSIS_TASK_SECONDS = 0.2;

/**
 * Throttling of POST /patterns so its analyses fit the PatternDetector's executions: each analysis
 * runs `tasks` PatternDetector invocations, `parallel` of them at once. Sustained, `rate × tasks ×
 * ANALYSIS_TASK_SECONDS` executions are busy; a burst starts `burst × parallel` at once. Both stay
 * within `executions`, so requests wait in API Gateway's 429 instead of turning into throttled tasks
 * and ManualReview.
 * @example
 * analysisThrottling(50, 6, 3) // { rateLimit: 41, burstLimit: 16 }
 */
export function analysisThrottling(executions: number, tasks: number, parallel: number) {
  return {
    rateLimit: Math.floor(executions / (tasks * ANALYSIS_TASK_SECONDS)),
    burstLimit: Math.floor(executions / parallel),
  };
}

/**
 * The executions a stage's analyses may count on: its reservation, or production's where it has none
 * (it then shares the account's pool, where production's figure is a fair share).
 */
export function analysisExecutions(stage: string): number {
  return (
    reservedExecutions(stage, "PatternDetector") ?? reservedExecutions("production", "PatternDetector") ?? 0
  );
}

/** The series of one interval docs/capacity.md is worked for: 8,000 symbols. */
export const MODEL_SERIES = 8_000;

/**
 * The Api's CPU per listed series when GET /stats?asOf= pools across symbols (one Query each, its SDK
 * call and the pooling), at one full vCPU: the upper end of 8.7 to 12.5 s over 8,001 Queries (n = 15),
 * measured by `npm run bench:stats-as-of` (5 Dec 2026, dynalite on 2 shared cores; the SDK's work, not
 * DynamoDB's, so it is what the Api pays on AWS too, X-Ray's subsegments not counted).
 */
export const STATS_AS_OF_CPU_MS_PER_SERIES = 1.6;

/**
 * The vCPUs Lambda gives a function of `memoryMB`: one at 1,769 MB, in proportion below; more above,
 * which one Node thread does not use.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
 * @example
 * cpuShare(512) // 0.289
 */
export const cpuShare = (memoryMB: number) => Math.min(1, memoryMB / 1769);

/**
 * The MB in the GB Lambda bills by: duration is charged in GB-seconds of the configured memory taken over
 * 1,024 (AWS's worked pricing examples take 512 MB as 0.5 GB), not 1,000.
 * https://aws.amazon.com/lambda/pricing/
 */
export const LAMBDA_MB_PER_BILLED_GB = 1024;

/**
 * The GB Lambda bills a function of `memoryMB` for, each second it runs.
 * @example
 * billedGigabytes(512) // 0.5
 * billedGigabytes(1769) // 1.7275390625
 */
export const billedGigabytes = (memoryMB: number) => memoryMB / LAMBDA_MB_PER_BILLED_GB;
