// The line npm start prints as its replay begins: what is sent, from where, at what pace, and how long
// that pace takes: a universe at the default 50 bars/s can take hours, which `--speed max` spares.

import { listedSymbols } from "./load-bars";

/** What the replay sends and how. */
export interface ReplayShown {
  bars: number;
  /** The series, each by the symbol the stream stores it under, in the order the file names them. */
  series: readonly { symbol: string }[];
  interval: string;
  from: string;
  /** Bars per second; Infinity: as fast as the stream takes them. */
  speed: number;
  holds: number;
}

/**
 * How long `bars` take at `barsPerSecond`, rounded as a person reads it: "42 s", "17 min", "14 h 11 min".
 *
 * @example
 * paceTaken(5105, 50); // "1 min 43 s"
 */
export function paceTaken(bars: number, barsPerSecond: number): string {
  const seconds = Math.ceil(bars / barsPerSecond);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes} min ${seconds % 60} s`;
  if (minutes < 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The replay's first line.
 *
 * @example
 * replayingLine({ bars: 5105, series: [{ symbol: "SPX" }], interval: "1d", from: "data/sp500-2000.csv", speed: 50, holds: 0 });
 * // "Replaying 5105 bars of SPX 1d from data/sp500-2000.csv at 50 bars/s (1 min 43 s; --speed max: as fast as the stream takes them)."
 */
export function replayingLine(replay: ReplayShown): string {
  const { series } = replay;
  const of = series.length === 1 ? series[0]?.symbol : `${series.length} symbols (${listedSymbols(series)})`;
  const pace = Number.isFinite(replay.speed)
    ? `${replay.speed} bars/s (${paceTaken(replay.bars, replay.speed)}; --speed max: as fast as the stream takes them)`
    : "full speed";
  const holding =
    replay.holds > 0
      ? `, holding ${replay.holds} time(s) for alerts to be routed before their breakout or resolution.`
      : ".";
  return `Replaying ${replay.bars} bars of ${of} ${replay.interval} from ${replay.from} at ${pace}${holding}`;
}
