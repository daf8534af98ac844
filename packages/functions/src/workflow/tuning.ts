// Power tuning arithmetic: what one invocation costs at a memory size, and which size to choose.

/** Lambda prices (us-east-1): per GB-second by architecture, and per request. */
export const LAMBDA_PRICES = {
  gbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
  request: 0.0000002,
} as const;

export type Architecture = keyof typeof LAMBDA_PRICES.gbSecond;

/** One memory size's measurement. */
export interface Measurement {
  memoryMB: number;
  /** Invocations measured. */
  invocations: number;
  /** Present when the measurement's time stopped it before the invocations asked (tuning-budget.ts). */
  invocationsAsked?: number;
  /** Mean billed duration per invocation. */
  averageBilledMs: number;
  costPerInvocationUsd: number;
}

/**
 * The cost of one invocation billed `billedMs` at `memoryMB`.
 *
 * @example
 * invocationCost(1024, 100, "x86_64") // 0.0000018666…
 */
export function invocationCost(memoryMB: number, billedMs: number, architecture: Architecture): number {
  return (memoryMB / 1024) * (billedMs / 1000) * LAMBDA_PRICES.gbSecond[architecture] + LAMBDA_PRICES.request;
}

/**
 * The billed duration in a Lambda log tail's REPORT line (`Billed Duration: 123 ms`), or undefined.
 *
 * @example
 * billedDuration("REPORT RequestId: x Duration: 1.2 ms Billed Duration: 2 ms") // 2
 */
export function billedDuration(logTail: string): number | undefined {
  const match = /Billed Duration:\s*([\d.]+)\s*ms/.exec(logTail);
  return match ? Number(match[1]) : undefined;
}

/**
 * The cheapest size among those whose mean billed duration is within `speedBoundPct` percent of the
 * fastest; ties go to the faster, then the smaller size. Throws RangeError without measurements.
 *
 * @example
 * selectMemory(measurements, 10).memoryMB
 */
export function selectMemory(measurements: readonly Measurement[], speedBoundPct: number): Measurement {
  if (measurements.length === 0) throw new RangeError("no measurements to choose from");
  const fastest = Math.min(...measurements.map((m) => m.averageBilledMs));
  const bound = fastest * (1 + speedBoundPct / 100);
  const eligible = measurements.filter((m) => m.averageBilledMs <= bound);
  const [chosen] = [...eligible].sort(
    (a, b) =>
      a.costPerInvocationUsd - b.costPerInvocationUsd ||
      a.averageBilledMs - b.averageBilledMs ||
      a.memoryMB - b.memoryMB,
  );
  // The fastest is always eligible, so there is a choice.
  if (chosen === undefined) throw new RangeError("no measurement within the speed bound");
  return chosen;
}
