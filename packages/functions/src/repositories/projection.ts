// A read's projection: the attributes asked for, named by placeholders so that reserved words read too.

/**
 * ProjectionExpression and ExpressionAttributeNames for `attributes` (`#a0`, `#a1`, …); nothing, so the whole
 * item is read, when none are given.
 *
 * @example
 * projectionOf(["alertId", "status"]) // { ProjectionExpression: "#a0, #a1", ExpressionAttributeNames: { … } }
 */
export function projectionOf(attributes: readonly string[] | undefined) {
  if (!attributes) return {};
  const names = Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
  return { ProjectionExpression: Object.keys(names).join(", "), ExpressionAttributeNames: names };
}
