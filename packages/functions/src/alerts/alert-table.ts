// The Alerts table's shape: its key, the one feed of its byCreatedAt index, and an item read back as an alert.

import { TABLES } from "@stock-patterns/core/catalog";
import type { Alert } from "./alert";

export const SPEC = TABLES.Alerts;
export const INDEX = SPEC.indexes[0];
/** Every alert sits in one feed of the byCreatedAt index, so the newest come first across symbols. */
export const FEED = "alerts";

/** An item read back as an alert: the feed dropped. */
export function strip(item: Record<string, unknown>): Alert {
  const { [INDEX.partitionKey]: _feed, ...alert } = item;
  return alert as unknown as Alert;
}
