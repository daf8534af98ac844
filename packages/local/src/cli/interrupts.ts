// Tells a second Ctrl-C (force quit) from the same Ctrl-C arriving twice: the terminal signals the whole
// process group, and npm and tsx also relay that SIGINT to their child, late when the machine is busy.

/** What to do about a signal: begin a clean stop, ignore a relayed copy, or exit at once. */
export type InterruptAction = "stop" | "ignore" | "force";

/** Signals this soon after the first are copies of it; a person pressing Ctrl-C again takes longer. */
export const RELAY_WINDOW_MS = 1000;

/**
 * A classifier for the signals of one run: the first asks for a clean stop, any within `windowMs` of it
 * is the same keypress relayed, any later one is a second Ctrl-C.
 *
 * @example
 * const interrupt = interrupts();
 * interrupt(); // "stop"
 * interrupt(); // "ignore" (a relayed copy, within a second)
 * // ...two seconds later
 * interrupt(); // "force"
 */
export function interrupts(now: () => number = Date.now, windowMs = RELAY_WINDOW_MS): () => InterruptAction {
  let first: number | undefined;
  return () => {
    const at = now();
    if (first === undefined) {
      first = at;
      return "stop";
    }
    return at - first < windowMs ? "ignore" : "force";
  };
}
