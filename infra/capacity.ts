// How much work each stage may take on, in one place: the executions a stage reserves for its functions.
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
