// The SymbolWindows table: each symbol's rolling window of bars, the bars before it that charts of open
// outcomes still need, and the streaming detector's open outcomes, updated together under an optimistic version.
// The bulky parts are stored as text (bars packed, outcomes as JSON): each is read and written whole, and
// an attribute value per bar field and tally count cost every save and read CPU on both sides.

import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type Bar, type OutcomeBookState, seriesKey } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { packStoredBars, unpackStoredBars } from "#analysis";
import { dynamo } from "#aws";
import { linked } from "#config";
import { getMany, isConditionFailure, scanAll } from "#repositories";

const SPEC = TABLES.SymbolWindows;

/** A symbol's rolling window: the newest bars (at most one detection window) and its version. */
export interface SymbolWindow {
  symbol: string;
  interval: string;
  bars: Bar[];
  /**
   * The bars just before `bars`, so `[...earlierBars, ...bars]` are the newest HELD_BARS (GET /bars reads
   * them, and a new detection's lead bars may be among them); apart from `bars` because the detector and
   * the threshold rules read one window only.
   */
  earlierBars?: Bar[];
  /** The streaming detector's open outcomes and running evidence; absent in a window saved before them. */
  outcomes?: OutcomeBookState;
  /** The stored id of each open outcome's detection, by `outcomeKey` (events name code and time only). */
  patternIds?: Record<string, string>;
  /**
   * The id of each open outcome's alert (patternAlertId), by `outcomeKey`, so a lifecycle event finds
   * its alert without reading the detection; absent in a window saved before these were kept.
   */
  alertIds?: Record<string, string>;
  /** 0 for a window never saved. */
  version: number;
  updatedAt?: string;
}

/** Another writer saved the window first; reload and apply the bars again. */
export class WindowConflictError extends Error {
  constructor(symbol: string, interval: string) {
    super(`window ${symbol} ${interval} changed while it was being updated`);
    this.name = "WindowConflictError";
  }
}

/** The stored window of a symbol, or an empty one at version 0. */
export async function loadWindow(symbol: string, interval: string): Promise<SymbolWindow> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: linked("SymbolWindows", "name"),
      Key: { [SPEC.partitionKey]: seriesKey(symbol, interval) },
      ConsistentRead: true,
    }),
  );
  return windowOf(symbol, interval, Item);
}

/** The window a stored item holds, or an empty one at version 0 when there is none. */
function windowOf(symbol: string, interval: string, item: Record<string, unknown> | undefined): SymbolWindow {
  if (!item) return { symbol, interval, bars: [], version: 0 };
  return {
    symbol,
    interval,
    bars: unpackStoredBars(item.bars),
    earlierBars: item.earlierBars === undefined ? undefined : unpackStoredBars(item.earlierBars),
    outcomes: outcomesOf(item.outcomes),
    patternIds: item.patternIds as Record<string, string> | undefined,
    alertIds: item.alertIds as Record<string, string> | undefined,
    version: item.version as number,
    updatedAt: item.updatedAt as string | undefined,
  };
}

/** The open outcomes as stored: JSON text, or (a window saved before) the map itself. */
function outcomesOf(stored: unknown): OutcomeBookState | undefined {
  return typeof stored === "string" ? (JSON.parse(stored) as OutcomeBookState) : (stored as OutcomeBookState);
}

/** What a window holds besides its bars (saved with them under the same version). */
export type WindowTracking = Pick<SymbolWindow, "earlierBars" | "outcomes" | "patternIds" | "alertIds">;

/**
 * The stored windows of many series, 100 keys a BatchGetItem (a stream batch of up to 2,500 records may
 * hold as many series), strongly consistent like loadWindow; keyed by seriesKey(symbol, interval).
 *
 * @example
 * const windows = await loadWindows([{ symbol: "SPX", interval: "1d" }]);
 */
export async function loadWindows(
  series: readonly { symbol: string; interval: string }[],
): Promise<Map<string, SymbolWindow>> {
  const keys = [...new Set(series.map(({ symbol, interval }) => seriesKey(symbol, interval)))];
  const items = await getMany(
    linked("SymbolWindows", "name"),
    keys.map((key) => ({ [SPEC.partitionKey]: key })),
  );
  const stored = new Map(items.map((item) => [item[SPEC.partitionKey] as string, item]));
  return new Map(
    series.map(({ symbol, interval }) => {
      const key = seriesKey(symbol, interval);
      return [key, windowOf(symbol, interval, stored.get(key))];
    }),
  );
}

/**
 * Saves `bars` (and the open outcomes) as the window if it is still at `window.version`; returns the new
 * version. Throws WindowConflictError when another writer got there first.
 */
export async function saveWindow(
  window: SymbolWindow,
  bars: readonly Bar[],
  tracking: WindowTracking = {},
  now = new Date(),
): Promise<number> {
  const version = window.version + 1;
  try {
    await dynamo().send(
      new PutCommand({
        TableName: linked("SymbolWindows", "name"),
        Item: {
          [SPEC.partitionKey]: seriesKey(window.symbol, window.interval),
          symbol: window.symbol,
          interval: window.interval,
          ...tracking,
          bars: packStoredBars(bars),
          earlierBars: tracking.earlierBars && packStoredBars(tracking.earlierBars),
          outcomes: tracking.outcomes && JSON.stringify(tracking.outcomes),
          version,
          updatedAt: now.toISOString(),
        },
        ConditionExpression: window.version === 0 ? "attribute_not_exists(#id)" : "#version = :version",
        ExpressionAttributeNames:
          window.version === 0 ? { "#id": SPEC.partitionKey } : { "#version": "version" },
        ExpressionAttributeValues: window.version === 0 ? undefined : { ":version": window.version },
      }),
    );
    return version;
  } catch (error) {
    if (isConditionFailure(error)) throw new WindowConflictError(window.symbol, window.interval);
    throw error;
  }
}

/**
 * The bars held for a series, oldest first (the newest HELD_BARS), or undefined when the stream has never
 * saved its window. Reads only the bars, eventually consistent: a reader may lag the stream by a write.
 *
 * @example
 * const bars = await heldBars("SPX", "1d"); // up to HELD_BARS (75) bars
 */
export async function heldBars(symbol: string, interval: string): Promise<Bar[] | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: linked("SymbolWindows", "name"),
      Key: { [SPEC.partitionKey]: seriesKey(symbol, interval) },
      ProjectionExpression: "#bars, #earlier",
      ExpressionAttributeNames: { "#bars": "bars", "#earlier": "earlierBars" },
    }),
  );
  if (!Item) return undefined;
  return [...unpackStoredBars(Item.earlierBars), ...unpackStoredBars(Item.bars)];
}

/** What the ThresholdChecker reads of a window: its bars and open outcomes (their tally), not the bars before. */
export type ScannedWindow = Pick<SymbolWindow, "symbol" | "interval" | "bars" | "outcomes">;

const SCANNED = ["symbol", "interval", "bars", "outcomes"] as const;

/**
 * Every stored window, a Scan page at a time (for the ThresholdChecker: thresholds, and the evidence pooled
 * per interval): a page's windows are unpacked as they are taken, so a caller that keeps none holds one
 * page of the table, not the table (8,000 windows unpacked at once were 215 MB of heap, docs/capacity.md).
 *
 * @example
 * for await (const window of eachWindow()) pooling.add(window);
 */
export async function* eachWindow(): AsyncGenerator<ScannedWindow> {
  for await (const item of scanAll(linked("SymbolWindows", "name"), SCANNED))
    yield {
      symbol: item.symbol as string,
      interval: item.interval as string,
      bars: unpackStoredBars(item.bars),
      outcomes: outcomesOf(item.outcomes),
    };
}

/** A series a window is kept for. */
export interface WindowSeries {
  symbol: string;
  interval: string;
}

/**
 * The series whose window follows each detection id for an open outcome (its patternIds), by id, from a
 * scan of the table: for the operator's repair of detections stored twice.
 *
 * @example
 * const following = await windowsFollowing(); // Map { "pat_3f2a…" => { symbol: "SPX", interval: "1d" } }
 */
export async function windowsFollowing(): Promise<Map<string, WindowSeries>> {
  const following = new Map<string, WindowSeries>();
  for await (const item of scanAll(linked("SymbolWindows", "name"), ["symbol", "interval", "patternIds"])) {
    const series = { symbol: item.symbol as string, interval: item.interval as string };
    for (const id of Object.values((item.patternIds ?? {}) as Record<string, string>))
      following.set(id, series);
  }
  return following;
}

/**
 * Makes the window follow detection `to` wherever it follows `from` (the same detection under the id
 * kept), if the window is still at `window.version`, as saveWindow does, and moves it to the next version:
 * a stream batch that read it before then fails its save and applies its bars to the rewritten window.
 * Returns the new version, or `window.version` when it does not follow `from`. Throws WindowConflictError
 * when another writer got there first.
 *
 * @example
 * const window = await loadWindow("SPX", "1d");
 * await followInstead(window, "pat_3f2a…", "pat_e03c…"); // 8
 */
export async function followInstead(
  window: SymbolWindow,
  from: string,
  to: string,
  now = new Date(),
): Promise<number> {
  const keys = Object.entries(window.patternIds ?? {}).flatMap(([key, id]) => (id === from ? [key] : []));
  if (keys.length === 0) return window.version;
  const version = window.version + 1;
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: linked("SymbolWindows", "name"),
        Key: { [SPEC.partitionKey]: seriesKey(window.symbol, window.interval) },
        UpdateExpression: `SET ${keys.map((_, i) => `#ids.#k${i} = :to`).join(", ")}, #version = :next, #at = :at`,
        ConditionExpression: "#version = :version",
        ExpressionAttributeNames: {
          "#ids": "patternIds",
          "#version": "version",
          "#at": "updatedAt",
          ...Object.fromEntries(keys.map((key, i) => [`#k${i}`, key])),
        },
        ExpressionAttributeValues: {
          ":to": to,
          ":next": version,
          ":version": window.version,
          ":at": now.toISOString(),
        },
      }),
    );
    return version;
  } catch (error) {
    if (isConditionFailure(error)) throw new WindowConflictError(window.symbol, window.interval);
    throw error;
  }
}
