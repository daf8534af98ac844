// npm start's status line is refreshed from a look at the tables (every item of each is read). The look
// was started every second whatever the one before was doing: with 13,000 items in the tables one took
// longer than that, so looks piled up (1,616 DynamoDB requests waiting in the main process, 2.1 GB of
// memory, more than a core busy on an idle system; the ThresholdChecker's scheduled run timed out behind
// them). Looks now run one at a time, and the next one waits a while after the last ended: a second, or
// four times as long as the last took, so the status line keeps the tables busy a fifth of the time at
// the most.

/** How long after a look the next one starts: `everyMs`, or `(1 / share - 1)` times the look's own time. */
export interface TickerPace {
  everyMs: number;
  /** The largest share of the time spent looking (0 < share <= 1). */
  share: number;
}

/** A second between looks, and looking at most a fifth of the time. */
export const STATUS_PACE: TickerPace = { everyMs: 1000, share: 0.2 };

/** The wait after a look of `tookMs`, at `pace`. */
export function waitAfter(tookMs: number, pace: TickerPace = STATUS_PACE): number {
  return Math.max(pace.everyMs, tookMs * (1 / pace.share - 1));
}

/** A ticker that runs `look` again and again, one at a time (its failures are its own to handle). */
export interface StatusTicker {
  /** A look now, after the one under way if any; resolves when it has ended. */
  now(): Promise<void>;
  /** No look after the one under way (if any), which it resolves after. */
  stop(): Promise<void>;
}

/**
 * Starts looking at once, then again `waitAfter` each look's time after it ended, until stopped.
 *
 * @example
 * const ticker = statusTicker(async () => screen.status(progressLine(sent, total, await system.stats())));
 * await ticker.now(); // the line as it stands, then
 * await ticker.stop();
 */
export function statusTicker(look: () => Promise<void>, pace: TickerPace = STATUS_PACE): StatusTicker {
  let timer: NodeJS.Timeout | undefined;
  let underWay: Promise<void> | undefined;
  let stopped = false;
  const run = (): Promise<void> => {
    clearTimeout(timer);
    const started = performance.now();
    const looking = look()
      .catch(() => {})
      .finally(() => {
        if (underWay === looking) underWay = undefined;
        if (!stopped && underWay === undefined)
          timer = setTimeout(run, waitAfter(performance.now() - started, pace));
      });
    underWay = looking;
    return looking;
  };
  void run();
  return {
    async now() {
      if (underWay) await underWay;
      if (!stopped) await run();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await underWay;
    },
  };
}
