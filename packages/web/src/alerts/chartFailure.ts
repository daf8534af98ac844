// What the chart area says when the chart fails. Its code is loaded with the first chart: when that load
// fails (a redeploy replaced the file, the network dropped), the browser's own message is no sentence for a
// person, and only a reload fetches the code again (a lazy component keeps its failed import).

/** The chart's code could not be loaded; `cause` is the browser's error. */
export class ChartNotLoaded extends Error {
  constructor(cause: unknown) {
    super("the chart's code could not be loaded", { cause });
    this.name = "ChartNotLoaded";
  }
}

/**
 * Loads the chart's code, a failure becoming ChartNotLoaded.
 * @example lazy(() => loadChart(() => import("../chart/PatternChart")).then(…))
 */
export function loadChart<T>(load: () => Promise<T>): Promise<T> {
  return load().catch((cause: unknown) => {
    throw new ChartNotLoaded(cause);
  });
}

/**
 * The chart area's sentence for `error`: a reload to try for code not loaded, else why it cannot be drawn;
 * then what does not depend on it.
 * @example chartFailure(new ChartNotLoaded(cause), { withDecision: false })
 * // "The chart could not be loaded. Reload the page to try again. The alert's facts do not depend on it."
 */
export function chartFailure(error: unknown, { withDecision }: { withDecision: boolean }): string {
  const what =
    error instanceof ChartNotLoaded
      ? "The chart could not be loaded. Reload the page to try again."
      : `The chart cannot be drawn: ${error instanceof Error ? error.message : String(error)}.`;
  return `${what} The alert's facts${withDecision ? " and the decision" : ""} do not depend on it.`;
}
