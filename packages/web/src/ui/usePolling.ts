// Keeps a view fresh: loads now, then again every few seconds while the tab is visible, but not before the
// API said to when it refused with a Retry-After.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/problem";

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
 * Until when (ms since the epoch) polling holds off after `error`: a 429's or 503's Retry-After, else not at all.
 * AWS WAF counts the requests it blocks too, so asking on at the interval through its 429 keeps the address
 * blocked.
 */
function pollingHeldUntil(error: unknown): number {
  return error instanceof ApiError && error.retryAfter ? error.retryAfter.at : 0;
}

/**
 * Calls `load` now and every `intervalMs` (skipping while the tab is hidden, while a load is unanswered, and
 * after a 429 or 503 until its Retry-After has passed); a newer answer replaces an older one.
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
  const heldUntil = useRef(0);
  // Loads not yet answered. A tick skips while one is: a newer call's answer wins, so with an API slower than
  // the interval each answer came after the next tick's call had started, was dropped, and nothing showed.
  const pending = useRef(0);

  // One load for a new `load` and for each refresh; a newer call's answer wins over an older one's.
  const run = useCallback(
    async (signal: AbortSignal) => {
      const call = ++latest.current;
      pending.current += 1;
      setState((previous) => ({ ...previous, loading: true }));
      try {
        const data = await load(signal);
        if (call === latest.current) {
          heldUntil.current = 0;
          setState({ data, error: undefined, loading: false, loadedAt: Date.now() });
        }
      } catch (error) {
        if (signal.aborted) return;
        if (call === latest.current) {
          heldUntil.current = pollingHeldUntil(error);
          setState((previous) => ({ ...previous, error, loading: false }));
        }
      } finally {
        pending.current -= 1;
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
  // just loaded. A tick within a Retry-After is skipped: the first after it asks again, then the interval
  // goes on; so is a tick while a load is unanswered. A manual refresh is not held: the person sees when the
  // API asked to be tried again.
  useEffect(() => {
    if (intervalMs === undefined) return;
    const controller = new AbortController();
    const held = () => Date.now() < heldUntil.current || pending.current > 0;
    const timer = window.setInterval(() => {
      if (document.visibilityState !== "hidden" && !held()) void run(controller.signal);
    }, intervalMs);
    // Coming back to the tab shows fresh data at once instead of at the next tick.
    const onVisible = () => {
      if (document.visibilityState === "visible" && !held()) void run(controller.signal);
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
