// The DynamoDB calls a bench's runner process makes (test/stats-process.ts, test/sweep-process.ts): counted
// by command, the most of one command in flight at once, and the read units billed; with the pause the
// round trip to AWS would add, which dynalite on this machine does not have.

import { dynamo } from "#aws";

/** What the client's calls came to since the counter started or was last reset. */
export interface CallsCounted {
  /** Calls by command name, e.g. `{ QueryCommand: 21 }`. */
  calls: Record<string, number>;
  /** The most calls of the tracked command in flight at once. */
  mostInFlight: number;
  /** Capacity units DynamoDB billed the calls; 0 unless asked for. */
  readUnits: number;
}

/**
 * Counts the functions' client's calls from now on, and the most `inFlightOf` calls (a command name) in
 * flight at once. `readUnits`: asks ReturnConsumedCapacity TOTAL on each call and sums the units billed.
 * BENCH_LATENCY_MS: a pause before each call. `reset` starts the counts over, into a new `calls` record.
 *
 * @example
 * const counter = countCalls("QueryCommand", { readUnits: true });
 * await app.request(path);
 * const { calls, mostInFlight, readUnits } = counter.counted(); // { QueryCommand: 21 }, 20, 10.5
 */
export function countCalls(
  inFlightOf: string,
  { readUnits: billed = false }: { readUnits?: boolean } = {},
): { counted: () => CallsCounted; reset: () => void } {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
  let calls: Record<string, number> = {};
  let readUnits = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? "";
      calls[command] = (calls[command] ?? 0) + 1;
      const tracked = command === inFlightOf;
      if (tracked) mostInFlight = Math.max(mostInFlight, ++inFlight);
      if (billed) (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      try {
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } })
          .ConsumedCapacity;
        readUnits += consumed?.CapacityUnits ?? 0;
        return result;
      } finally {
        if (tracked) inFlight--;
      }
    },
    { step: "initialize", name: "countCalls" },
  );
  return {
    counted: () => ({ calls, mostInFlight, readUnits }),
    reset: () => {
      calls = {};
      readUnits = 0;
      mostInFlight = 0;
    },
  };
}
