// Ctrl-C (SIGINT) or a kill (SIGTERM) asks a run to stop: the process records the signal here, and a command
// takes no new input from then on, finishes the one it is on (every line it prints whole) and ends with the
// status a shell gives a process the signal killed.

/** The signals that stop a run. */
export const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * The signal that asked the run to stop, once one came, and what to do then. A signal reaches this thread
 * only between its tasks (never inside a write or a scan), so a command looks at it where it takes its next
 * input, and `onStop` closes what other threads take their inputs from.
 *
 * @example
 * const interruption = new Interruption();
 * interruption.onStop(() => queue.close());
 * interruption.interrupt("SIGINT"); // the queue is closed
 * interruption.status // 130
 */
export class Interruption {
  /** The first stop signal that came, undefined until then. */
  signal: StopSignal | undefined;
  private readonly stops = new Set<() => void>();

  /** Records `signal` (the first only) and calls each `onStop` listener. */
  interrupt(signal: StopSignal): void {
    if (this.signal !== undefined) return;
    this.signal = signal;
    for (const stop of this.stops) stop();
    this.stops.clear();
  }

  /** Calls `stop` when a signal comes (at once if one came already); returns what forgets it. */
  onStop(stop: () => void): () => void {
    if (this.signal !== undefined) {
      stop();
      return () => undefined;
    }
    this.stops.add(stop);
    return () => this.stops.delete(stop);
  }

  /** The exit status of a run the signal stopped: 128 + its number, as a shell reports it (130, 143). */
  get status(): number {
    if (this.signal === undefined) throw new Error("no signal came");
    const { signals } = (process.getBuiltinModule("node:os") as typeof import("node:os")).constants;
    return 128 + signals[this.signal];
  }
}
