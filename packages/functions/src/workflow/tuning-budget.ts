// How long one memory size may be measured. The PowerTuningWorkflow is an EXPRESS execution, at most five
// minutes in all (https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html), and it
// measures its five sizes one after another, each inside one PatternDetector call (60 s, core's catalog).
// Invoking the target a fixed number of times would time out on a target that runs more than a few seconds
// and fail the whole tuning; so each measurement invokes while the next run fits its share of the time, and
// says how many it made.

/** One size's share of the execution: five of them leave 100 s of the 300 for publishing and clean-up. */
export const MEASURE_BUDGET_MS = 40_000;

/** The longest wait for a memory update to finish (it takes seconds; Lambda reports it in LastUpdateStatus). */
export const UPDATE_WAIT_MS = 120_000;

/** Kept free before the PatternDetector's own timeout, for the answer to get back to Step Functions. */
export const TIMEOUT_MARGIN_MS = 5_000;

/**
 * The time a step may take (a measurement, a wait for an update): its share, or less when the call has less
 * time left.
 * @example
 * stepBudget(MEASURE_BUDGET_MS, 30_000) // 25_000
 */
export function stepBudget(shareMs: number, remainingMs: number | undefined): number {
  return remainingMs === undefined ? shareMs : Math.min(shareMs, remainingMs - TIMEOUT_MARGIN_MS);
}

/** What a run of invocations measured: each one's billed duration, and whether the budget stopped it. */
export interface InvocationRuns {
  billedMs: number[];
  cutShort: boolean;
}

/**
 * Invokes up to `asked` times, one after another; after the first, another only while the time spent plus
 * the longest invocation yet stays within `budgetMs`. `now` is the clock (milliseconds).
 * @example
 * await invokeWithin(5, 40_000, Date.now, () => invokeOnce()) // { billedMs: [12, 11, 11, 12, 11], cutShort: false }
 */
export async function invokeWithin(
  asked: number,
  budgetMs: number,
  now: () => number,
  invokeOnce: () => Promise<number>,
): Promise<InvocationRuns> {
  const started = now();
  const billedMs: number[] = [];
  let longest = 0;
  while (billedMs.length < asked) {
    if (billedMs.length > 0 && now() - started + longest > budgetMs) return { billedMs, cutShort: true };
    const before = now();
    billedMs.push(await invokeOnce());
    longest = Math.max(longest, now() - before);
  }
  return { billedMs, cutShort: false };
}
