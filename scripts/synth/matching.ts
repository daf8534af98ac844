// How AWS matches names against what the synthesized policies and rules hold, for the infra tests: an
// EventBridge event pattern's field and an IAM ArnLike condition.

/**
 * Whether one string field of an event meets an EventBridge pattern's array for that field: any exact
 * value or any `{ prefix }` in the array. Other operators throw, so a test never passes on one it
 * does not read.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * @example
 * eventFieldMatches([{ prefix: "us-" }], "us-east-1") // true
 */
export function eventFieldMatches(matchers: unknown[], value: string): boolean {
  return matchers.some((matcher) => {
    if (typeof matcher === "string") return matcher === value;
    const keys = matcher && typeof matcher === "object" ? Object.keys(matcher) : [];
    const prefix = (matcher as { prefix?: unknown }).prefix;
    if (keys.length === 1 && typeof prefix === "string") return value.startsWith(prefix);
    throw new Error(`eventFieldMatches reads exact values and prefixes only, not ${JSON.stringify(matcher)}`);
  });
}

/**
 * Whether an ARN meets an IAM `ArnLike` pattern: `*` any run of characters, `?` any one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 * @example
 * arnLike("arn:aws:events:us-east-1:1:rule/app-*", "arn:aws:events:us-east-1:1:rule/app-x") // true
 */
export function arnLike(pattern: string, arn: string): boolean {
  const source = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(arn);
}
