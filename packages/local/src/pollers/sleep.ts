// A pause that a poller's stop() can cut short.

/**
 * Wait `ms`, or less if `signal` aborts first (never rejects).
 *
 * @example
 * await sleep(1000, stopping.signal);
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
