// Detections stored twice: releases from 04e93d9 until 73059a9 stored a detection an earlier release had
// stored under its times' text id a second time, under its instant id. Finding those pairs, for the repair.

import { type DetectionIdentity, patternId, textPatternId } from "@stock-patterns/core";
import { linked } from "#config";
import { scanAll } from "#repositories";
import { SPEC } from "./pattern-table";

/** What the scan reads of a stored detection: its key and what its ids are made of. */
export interface StoredIdentity extends DetectionIdentity {
  patternId: string;
  timestamp: string;
  symbol: string;
  interval: string;
  outcomeAsOf?: string;
}

/** A detection stored twice: `kept` under the id its times' text gave, `duplicate` under its instants'. */
export interface DuplicatePair {
  kept: StoredIdentity;
  duplicate: StoredIdentity;
}

const IDENTITY = [SPEC.partitionKey, SPEC.sortKey, "symbol", "interval", "pattern", "end", "detectedAt"];

const keyOf = (id: string, timestamp: string) => `${id}\u0000${timestamp}`;

/** Whether an item has every field an id is made of, as text. */
const isIdentity = (item: Record<string, unknown>): item is Record<string, unknown> & StoredIdentity =>
  IDENTITY.every((name) => typeof item[name] === "string");

/**
 * The pairs among stored detections. An item is a kept one when its id is the one core's textPatternId
 * gives from its fields (a release before 04e93d9 stored it, from times not written as ISO UTC); its
 * duplicate is the item under the id patternId gives (the instants') with the same sort key and the same
 * symbol, interval, pattern and detection instant. Whatever the duplicate's times are written as, that id
 * is the same, so a duplicate stored from ISO times is found too.
 *
 * @example
 * pairsAmong(items) // [{ kept: { patternId: "pat_e03c…", … }, duplicate: { patternId: "pat_3f2a…", … } }]
 */
export function pairsAmong(items: Iterable<StoredIdentity>): DuplicatePair[] {
  const byKey = new Map<string, StoredIdentity>();
  const kept: StoredIdentity[] = [];
  for (const item of items) {
    byKey.set(keyOf(item.patternId, item.timestamp), item);
    if (textPatternId(item.symbol, item.interval, item) === item.patternId) kept.push(item);
  }
  return kept.flatMap((item) => {
    const duplicate = byKey.get(keyOf(patternId(item.symbol, item.interval, item), item.timestamp));
    const same =
      duplicate !== undefined &&
      duplicate.symbol === item.symbol &&
      duplicate.interval === item.interval &&
      duplicate.pattern === item.pattern;
    return same ? [{ kept: item, duplicate }] : [];
  });
}

/**
 * Scans TradingPatterns (the key and identity fields only) for the pairs; `onProgress` hears the number
 * of items scanned after each page.
 *
 * @example
 * const { scanned, pairs } = await findDuplicateDetections();
 */
export async function findDuplicateDetections(
  onProgress?: (scanned: number) => void,
): Promise<{ scanned: number; pairs: DuplicatePair[] }> {
  const items: StoredIdentity[] = [];
  let scanned = 0;
  const table = linked("TradingPatterns", "name");
  for await (const item of scanAll(table, [...IDENTITY, "outcomeAsOf"], onProgress)) {
    scanned += 1;
    if (isIdentity(item)) items.push(item);
  }
  return { scanned, pairs: pairsAmong(items) };
}
