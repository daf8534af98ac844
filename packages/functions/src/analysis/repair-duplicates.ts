// The repair of detections stored twice (see duplicates.ts): each pair's duplicate deleted, after the
// stream window that follows it (if one does) made to follow the kept item, its outcome, if newer, moved
// to the kept item and the alerts that name it pointed at the kept item.

import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { alertsNamingDetections, repointAlert } from "#alerts";
import { dynamo } from "#aws";
import { linked } from "#config";
import { isConditionFailure } from "#repositories";
import { followInstead, loadWindow, WindowConflictError, type WindowSeries, windowsFollowing } from "#stream";
import { type DuplicatePair, findDuplicateDetections } from "./duplicates";
import { patternKey, SPEC } from "./pattern-table";
import { recordOutcomes } from "./repository";

/** What became of one pair. */
export type PairRepair =
  | {
      status: "deleted" | "planned";
      movedOutcome: boolean;
      repointedAlerts: number;
      refollowedWindow: boolean;
    }
  | { status: "skipped"; reason: SkipReason; detail?: string };

/** Why a pair was left as it is. */
export type SkipReason = "already repaired" | "kept item gone" | "kept moving" | "window kept moving";

/** The run's figures. */
export interface RepairSummary {
  scanned: number;
  pairs: number;
  movedOutcomes: number;
  repointedAlerts: number;
  /** Stream windows made to follow a kept item instead of its duplicate (in a dry run: to make). */
  refollowedWindows: number;
  deleted: number;
  /** In a dry run, the duplicates it would delete. */
  planned: number;
  skipped: Partial<Record<SkipReason, number>>;
}

/**
 * How many times a pair is read again when its duplicate changed between the read and the delete, and a
 * window when a stream batch saved it between the read and the rewrite.
 */
const ATTEMPTS = 3;

const read = async (key: Record<string, string>) =>
  (
    await dynamo().send(
      new GetCommand({ TableName: linked("TradingPatterns", "name"), Key: key, ConsistentRead: true }),
    )
  ).Item;

/**
 * Makes the window of `series` follow `to` where it follows `from`, under the window's version as the stream
 * saves it (followInstead): a stream batch that read the window before fails its save and applies its
 * bars again to the rewritten window; when one saved first, the window is read again. Answers whether it
 * was rewritten (false: it no longer follows `from`), or undefined when batches kept saving it first.
 */
async function followKept(series: WindowSeries, from: string, to: string): Promise<boolean | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const window = await loadWindow(series.symbol, series.interval);
    try {
      return (await followInstead(window, from, to)) > window.version;
    } catch (error) {
      if (!(error instanceof WindowConflictError)) throw error;
    }
  }
  return undefined;
}

/**
 * Repairs one pair. When a stream window follows the duplicate's open outcome, the window is made to
 * follow the kept item first (followKept), so no batch moves the duplicate's outcome after that. Then it
 * reads both items, moves the duplicate's outcome to the kept item where it is newer (recordOutcomes:
 * never over a newer one), points the alerts naming the duplicate at the kept item (only where they
 * still name it), and deletes the duplicate on condition that it still is that detection with the
 * outcome read. When its outcome moved meanwhile (a batch that read the window before the rewrite), it is
 * read again. A dry run (`apply` false) reads and writes nothing.
 */
async function repairPair(
  { kept, duplicate }: DuplicatePair,
  alerts: readonly string[],
  window: WindowSeries | undefined,
  apply: boolean,
): Promise<PairRepair> {
  if (!apply) {
    const movedOutcome =
      duplicate.outcomeAsOf !== undefined &&
      (kept.outcomeAsOf === undefined || kept.outcomeAsOf < duplicate.outcomeAsOf);
    return {
      status: "planned",
      movedOutcome,
      repointedAlerts: alerts.length,
      refollowedWindow: window !== undefined,
    };
  }
  let refollowedWindow = false;
  if (window !== undefined) {
    // A window made to follow an item that is gone would move no outcome at all.
    if ((await read(patternKey(kept))) === undefined) return { status: "skipped", reason: "kept item gone" };
    const rewritten = await followKept(window, duplicate.patternId, kept.patternId);
    if (rewritten === undefined)
      return {
        status: "skipped",
        reason: "window kept moving",
        detail: `${window.symbol} ${window.interval}`,
      };
    refollowedWindow = rewritten;
  }
  let movedOutcome = false;
  let repointedAlerts = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const [stored, keptNow] = await Promise.all([read(patternKey(duplicate)), read(patternKey(kept))]);
    if (stored === undefined) return { status: "skipped", reason: "already repaired" };
    if (keptNow === undefined) return { status: "skipped", reason: "kept item gone" };
    const asOf = stored.outcomeAsOf as string | undefined;
    if (stored.outcome !== undefined && asOf !== undefined) {
      const moved = await recordOutcomes([
        {
          patternId: kept.patternId,
          interval: duplicate.interval,
          detectedAt: kept.detectedAt,
          outcome: stored.outcome,
          asOf,
        },
      ]);
      movedOutcome ||= moved > 0;
    }
    for (const alertId of alerts)
      if (await repointAlert(alertId, duplicate.patternId, kept.patternId)) repointedAlerts += 1;
    if (await deleteDuplicate(duplicate, asOf))
      return { status: "deleted", movedOutcome, repointedAlerts, refollowedWindow };
  }
  return { status: "skipped", reason: "kept moving" };
}

/** Deletes the duplicate if it still is that detection, with the outcome as of `asOf` (absent: none). */
async function deleteDuplicate(duplicate: DuplicatePair["duplicate"], asOf: string | undefined) {
  const fields = { symbol: duplicate.symbol, interval: duplicate.interval, pattern: duplicate.pattern };
  const names: Record<string, string> = { "#id": SPEC.partitionKey, "#asOf": "outcomeAsOf" };
  const values: Record<string, unknown> = {};
  const checks = ["attribute_exists(#id)"];
  for (const [i, [name, value]] of Object.entries({ ...fields, end: duplicate.end }).entries()) {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    checks.push(`#f${i} = :f${i}`);
  }
  if (asOf === undefined) checks.push("attribute_not_exists(#asOf)");
  else {
    values[":asOf"] = asOf;
    checks.push("#asOf = :asOf");
  }
  try {
    await dynamo().send(
      new DeleteCommand({
        TableName: linked("TradingPatterns", "name"),
        Key: patternKey(duplicate),
        ConditionExpression: checks.join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Finds the pairs and repairs each (dry run unless `apply`), a pair whose duplicate a stream window
 * follows (its outcome open) too: the window then follows the kept item. `onPair` hears each pair's fate,
 * `onProgress` the scan.
 *
 * @example
 * const summary = await repairDuplicateDetections({ apply: false }); // { scanned: 120, pairs: 33, … }
 */
export async function repairDuplicateDetections(options: {
  apply: boolean;
  onProgress?: (scanned: number) => void;
  onPair?: (pair: DuplicatePair, repair: PairRepair) => void;
}): Promise<RepairSummary> {
  const { scanned, pairs } = await findDuplicateDetections(options.onProgress);
  const summary: RepairSummary = {
    scanned,
    pairs: pairs.length,
    movedOutcomes: 0,
    repointedAlerts: 0,
    refollowedWindows: 0,
    deleted: 0,
    planned: 0,
    skipped: {},
  };
  if (pairs.length === 0) return summary;
  const [followed, naming] = await Promise.all([windowsFollowing(), alertsNamingDetections()]);
  for (const pair of pairs) {
    const window = followed.get(pair.duplicate.patternId);
    const alerts = naming.get(pair.duplicate.patternId) ?? [];
    const repair = await repairPair(pair, alerts, window, options.apply);
    options.onPair?.(pair, repair);
    if (repair.status === "skipped")
      summary.skipped[repair.reason] = (summary.skipped[repair.reason] ?? 0) + 1;
    else {
      summary.movedOutcomes += repair.movedOutcome ? 1 : 0;
      summary.repointedAlerts += repair.repointedAlerts;
      summary.refollowedWindows += repair.refollowedWindow ? 1 : 0;
      if (repair.status === "deleted") summary.deleted += 1;
      else summary.planned += 1;
    }
  }
  return summary;
}
