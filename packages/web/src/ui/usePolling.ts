// Keeps a view fresh: loads now, then again every few seconds while the tab is visible.
import { useCallback, useEffect, useRef, useState } from "react";

/** What a polled view shows: the last good data, the last error, and a way to reload at once. */
export interface Polled<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** When the data was last loaded (ms since the epoch). */
  loadedAt: number | undefined;
  refresh: () => void;
}

/**
 * Calls `load` now and every `intervalMs` (skipping while the tab is hidden); a newer answer replaces an older one.
 * Without `intervalMs` it loads once (and on `refresh`). Pass a stable `load` (useCallback): a new function
 * restarts the polling.
 */
export function usePolling<T>(
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number | undefined,
): Polled<T> {
  const [state, setState] = useState<Omit<Polled<T>, "refresh">>({
    data: undefined,
    error: undefined,
    loading: true,
    loadedAt: undefined,
  });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((value) => value + 1), []);
  const latest = useRef(0);

  // One load for a new `load` and for each refresh; a newer call's answer wins over an older one's.
  const run = useCallback(
    async (signal: AbortSignal) => {
      const call = ++latest.current;
      setState((previous) => ({ ...previous, loading: true }));
      try {
        const data = await load(signal);
        if (call === latest.current)
          setState({ data, error: undefined, loading: false, loadedAt: Date.now() });
      } catch (error) {
        if (signal.aborted) return;
        if (call === latest.current) setState((previous) => ({ ...previous, error, loading: false }));
      }
    },
    [load],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the trigger for a manual refresh.
  useEffect(() => {
    const controller = new AbortController();
    void run(controller.signal);
    return () => controller.abort();
  }, [run, tick]);

  // Starting or changing the interval (a page that turns live) waits a whole interval: what is shown was
  // just loaded.
  useEffect(() => {
    if (intervalMs === undefined) return;
    const controller = new AbortController();
    const timer = window.setInterval(() => {
      if (document.visibilityState !== "hidden") void run(controller.signal);
    }, intervalMs);
    // Coming back to the tab shows fresh data at once instead of at the next tick.
    const onVisible = () => {
      if (document.visibilityState === "visible") void run(controller.signal);
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [run, intervalMs]);

  return { ...state, refresh };
}
