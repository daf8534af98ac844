// A start is given a time to be ready in: npm start would otherwise wait for ever on a part that never
// says it is (a runtime held or stuck loading, an emulator that never listens), holding its ports and locks.

import { settleWithin } from "@stock-patterns/emulators";

/** How long a start may take before it is given up (npm start's --start-timeout default). */
export const DEFAULT_READY_WITHIN_MS = 120_000;

/** A start given up: `part` was not ready when the time allowed for the whole start ran out. */
export class NotReady extends Error {
  override name = "NotReady";
  constructor(
    readonly part: string,
    readonly withinMs: number,
    /** Where to look for why (the runtime's log), if anywhere. */
    readonly see?: string,
  ) {
    super(`${part} did not become ready within ${withinMs / 1000} s${see ? `; see ${see}` : ""}`);
  }
}

/**
 * The parts of one start, each given what is left of `withinMs` from now. A part not ready by then fails
 * the start with NotReady, and `signal` is aborted first, so a part that can be stopped half-started (a
 * child process) is; the caller stops the parts that were ready.
 *
 * @example
 * const ready = readiness(120_000);
 * const services = await ready.part("the emulators", () => startServices());
 */
export function readiness(withinMs: number) {
  const deadline = Date.now() + withinMs;
  const giveUp = new AbortController();
  return {
    signal: giveUp.signal,
    part<T>(part: string, work: () => Promise<T>, see?: string): Promise<T> {
      return settleWithin(work, Math.max(0, deadline - Date.now()), () => {
        const error = new NotReady(part, withinMs, see);
        giveUp.abort(error);
        throw error;
      });
    },
  };
}
