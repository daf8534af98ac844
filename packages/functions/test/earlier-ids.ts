// The ids releases before 04e93d9 gave detections and alerts (packages/core/src/ids/ids.ts there: the
// times' text hashed, not their instants), and a move of a stored item to them: what such a release
// stored for the same detection or alert.

import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { sha256Hex } from "@stock-patterns/core";
import { dynamo } from "#aws";
import { linked } from "#config";
import { scanTable } from "./aws";

/** What an id was made of. */
export interface Identity {
  symbol: string;
  interval: string;
  pattern: string;
  end: string;
  detectedAt: string;
}

const textDigest = (parts: readonly string[]) => sha256Hex(JSON.stringify(parts)).slice(0, 32);

/** A detection's id as 04e93d9^ made it. */
export const textPatternId = (d: Identity) =>
  `pat_${textDigest([d.symbol, d.interval, d.pattern, d.end, d.detectedAt])}`;

/** A detection's alert id as 04e93d9^ made it. */
export const textAlertId = (d: Identity) =>
  `alr_${textDigest(["pattern", d.symbol, d.interval, d.pattern, d.end, d.detectedAt])}`;

/** A threshold alert's id as 04e93d9^ made it. */
export const textThresholdAlertId = (symbol: string, interval: string, rule: string, barTime: string) =>
  `alr_${textDigest(["threshold", symbol, interval, rule, barTime])}`;

async function rekey(table: "Alerts" | "TradingPatterns", item: Record<string, unknown>, fields: object) {
  const TableName = linked(table, "name");
  const key =
    table === "Alerts" ? { alertId: item.alertId } : { patternId: item.patternId, timestamp: item.timestamp };
  await dynamo().send(new DeleteCommand({ TableName, Key: key }));
  await dynamo().send(new PutCommand({ TableName, Item: { ...item, ...fields } }));
}

/** Moves a stored alert to `earlierId`, where such a release stored it. */
export async function storeAlertAs(alertId: string, earlierId: string): Promise<void> {
  const [item] = (await scanTable(linked("Alerts", "name"))).filter((a) => a.alertId === alertId);
  if (!item) throw new Error(`no alert ${alertId}`);
  await rekey("Alerts", item, { alertId: earlierId });
}

/**
 * Moves every stored detection and alert of `symbol` to the ids 04e93d9^ gave them; answers the moves,
 * current id to earlier id, of both.
 *
 * @example
 * const earlier = await storeAsBeforeInstantIds("SPX"); // Map { "pat_…" => "pat_…", "alr_…" => "alr_…" }
 */
export async function storeAsBeforeInstantIds(symbol: string): Promise<Map<string, string>> {
  const moved = new Map<string, string>();
  const patterns = (await scanTable(linked("TradingPatterns", "name"))).filter((p) => p.symbol === symbol);
  for (const item of patterns) {
    const earlier = textPatternId(item as unknown as Identity);
    moved.set(item.patternId as string, earlier);
    await rekey("TradingPatterns", item, { patternId: earlier });
  }
  const alerts = (await scanTable(linked("Alerts", "name"))).filter((a) => a.symbol === symbol);
  for (const item of alerts) {
    const detection = patterns.find((p) => p.patternId === item.patternId) as unknown as Identity;
    moved.set(item.alertId as string, textAlertId(detection));
    await rekey("Alerts", item, { alertId: textAlertId(detection), patternId: textPatternId(detection) });
  }
  return moved;
}
