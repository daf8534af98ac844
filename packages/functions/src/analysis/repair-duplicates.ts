// The repair of detections stored twice (see duplicates.ts): each pair's duplicate deleted, after its
// outcome, if newer, moved to the kept item and the alerts that name it pointed at the kept item.

import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { alertsNamingDetections, repointAlert } from "#alerts";
import { dynamo } from "#aws";
import { linked } from "#config";
import { isConditionFailure } from "#repositories";
import { windowsFollowing } from "#stream";
import { type DuplicatePair, findDuplicateDetections } from "./duplicates";
import { patternKey, SPEC } from "./pattern-table";
import { recordOutcomes } from "./repository";

/** What became of one pair. */
export type PairRepair =
  | { status: "deleted"; movedOutcome: boolean; repointedAlerts: number }
  | { status: "planned"; movedOutcome: boolean; repointedAlerts: number }
  | { status: "skipped"; reason: SkipReason; detail?: string };

/** Why a pair was left as it is. */
export type SkipReason =
  | "followed by a stream window"
  | "already repaired"
  | "kept item gone"
  | "kept moving";

/** The run's figures. */
export interface RepairSummary {
  scanned: number;
  pairs: number;
  movedOutcomes: number;
  repointedAlerts: number;
  deleted: number;
  /** In a dry run, the duplicates it would delete. */
  planned: number;
  skipped: Partial<Record<SkipReason, number>>;
}

/** How many times a pair is read again when its duplicate changed between the read and the delete. */
const ATTEMPTS = 3;

const read = async (key: Record<string, string>) =>
  (
    await dynamo().send(
      new GetCommand({ TableName: linked("TradingPatterns", "name"), Key: key, ConsistentRead: true }),
    )
  ).Item;

/**
 * Repairs one pair: reads both items, moves the duplicate's outcome to the kept item where it is newer
 * (recordOutcomes: never over a newer one), points the alerts naming the duplicate at the kept item
 * (only where they still name it), then deletes the duplicate on condition that it still is that
 * detection with the outcome read. When its outcome moved meanwhile (a writer still found it), it is read
 * again. A dry run (`apply` false) reads and writes nothing.
 */
async function repairPair(
  { kept, duplicate }: DuplicatePair,
  alerts: readonly string[],
  apply: boolean,
): Promise<PairRepair> {
  if (!apply) {
    const movedOutcome =
      duplicate.outcomeAsOf !== undefined &&
      (kept.outcomeAsOf === undefined || kept.outcomeAsOf < duplicate.outcomeAsOf);
    return { status: "planned", movedOutcome, repointedAlerts: alerts.length };
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
        { patternId: kept.patternId, detectedAt: kept.detectedAt, outcome: stored.outcome, asOf },
      ]);
      movedOutcome ||= moved > 0;
    }
    for (const alertId of alerts)
      if (await repointAlert(alertId, duplicate.patternId, kept.patternId)) repointedAlerts += 1;
    if (await deleteDuplicate(duplicate, asOf)) return { status: "deleted", movedOutcome, repointedAlerts };
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
 * Finds the pairs and repairs each (dry run unless `apply`): a pair whose duplicate a stream window still
 * follows (its outcome open) is left, since the window would go on moving the duplicate's outcome; it
 * can be repaired once the outcome is closed. `onPair` hears each pair's fate, `onProgress` the scan.
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
    deleted: 0,
    planned: 0,
    skipped: {},
  };
  if (pairs.length === 0) return summary;
  const [followed, naming] = await Promise.all([windowsFollowing(), alertsNamingDetections()]);
  for (const pair of pairs) {
    const window = followed.get(pair.duplicate.patternId);
    const repair: PairRepair =
      window !== undefined
        ? {
            status: "skipped",
            reason: "followed by a stream window",
            detail: `${window.symbol} ${window.interval}`,
          }
        : await repairPair(pair, naming.get(pair.duplicate.patternId) ?? [], options.apply);
    options.onPair?.(pair, repair);
    if (repair.status === "skipped")
      summary.skipped[repair.reason] = (summary.skipped[repair.reason] ?? 0) + 1;
    else {
      summary.movedOutcomes += repair.movedOutcome ? 1 : 0;
      summary.repointedAlerts += repair.repointedAlerts;
      if (repair.status === "deleted") summary.deleted += 1;
      else summary.planned += 1;
    }
  }
  return summary;
}
