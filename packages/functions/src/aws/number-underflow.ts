// DynamoDB stores numbers of magnitude 1e-130 to 9.99e125 and refuses a write holding a smaller one with a
// ValidationException ("Number underflow"), the whole item lost
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
// Prices are held far inside that range (core's PRICE_RANGE), but statistics are not: the KS test of two
// long samples gives p-values of 1e-200 and below. Such a number is written as 0, as a floating-point
// number too small for its format underflows to 0; nothing else in the item changes.

/** DynamoDB's least magnitude of a number other than 0. */
export const LEAST_STORED_MAGNITUDE = 1e-130;

const underflows = (value: number) => value !== 0 && Math.abs(value) < LEAST_STORED_MAGNITUDE;

/**
 * `value` with every number of magnitude below LEAST_STORED_MAGNITUDE, at any depth (objects, arrays,
 * sets), as 0: the same value when it holds none, else a copy of the parts that do (the caller's objects,
 * such as an analysis's evidence still to be answered, are never changed).
 *
 * @example
 * withoutUnderflows({ Item: { ks: { D: 0.4, p: 1e-200 } } }) // { Item: { ks: { D: 0.4, p: 0 } } }
 * withoutUnderflows(item) === item // when item holds no such number
 */
export function withoutUnderflows<T>(value: T): T {
  if (typeof value === "number") return (underflows(value) ? 0 : value) as T;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const stored = withoutUnderflows(item);
      if (stored === item) return;
      copy ??= [...value];
      copy[i] = stored;
    });
    return (copy ?? value) as T;
  }
  if (value instanceof Set) {
    const members = [...value];
    const stored = withoutUnderflows(members);
    return (stored === members ? value : new Set(stored)) as T;
  }
  // Only plain records: the SDK's own values (a Uint8Array of a binary attribute, a NumberValue) as given.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    const stored = withoutUnderflows(field);
    if (stored === field) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    copy[key] = stored;
  }
  return (copy ?? value) as T;
}
