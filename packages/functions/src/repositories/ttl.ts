// The one rule for an item past its TTL value: DynamoDB deletes it some time after (typically within a
// few days; dynalite never does) and reads return it until then, so a read that serves it passes it over.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html

/** Epoch seconds of `now`, as TTL values are written. */
const epochOf = (now: Date) => Math.floor(now.getTime() / 1000);

/**
 * Whether an item read is past its TTL value, the attribute `ttlAttribute` (an item without one is kept).
 *
 * @example
 * pastTtl({ expiresAtEpoch: 1_700_000_000 }, "expiresAtEpoch", new Date(1_700_000_000_000)) // true: the second it ends
 */
export function pastTtl(item: Record<string, unknown>, ttlAttribute: string, now: Date): boolean {
  const at = item[ttlAttribute];
  return typeof at === "number" && at <= epochOf(now);
}

/**
 * The same rule as a filter clause that keeps an item not past its TTL value at `now`, with the names and
 * values it uses (`#kept`, `:keptAfter`), for a Query or Scan to pass the rest over.
 *
 * @example
 * const kept = keptFilter("expiresAtEpoch", now);
 * { FilterExpression: kept.expression, ExpressionAttributeNames: kept.names, ExpressionAttributeValues: kept.values }
 */
export function keptFilter(ttlAttribute: string, now: Date) {
  return {
    expression: "(attribute_not_exists(#kept) OR #kept > :keptAfter)",
    names: { "#kept": ttlAttribute },
    values: { ":keptAfter": epochOf(now) },
  };
}
