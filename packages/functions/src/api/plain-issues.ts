// zod's own messages, said as a caller reads them: a field left out is required, a value of the wrong kind
// names the kind wanted and the kind sent, a value outside a list names the list (and the one meant when
// it is near: core's nearMisses), a text or a list of the wrong length says how long it is and how long it may
// be. A field of the wrong kind is told that alone: zod also measured a string sent for
// a list against the list's minimum ("at least 38 bars are needed" beside "expected array"). Messages a
// schema wrote itself are left as they are.

import { didYouMean, listed, nearMisses, quotedText } from "@stock-patterns/core";
import type { ValidationIssue } from "./problem";

/** How zod's default messages begin; a message that does not is the schema's own. */
const ZOD_DEFAULT = /^(Invalid (input|option)|Too (big|small))\b/;

/** A count as the API's messages write one: 1,001. */
const counted = (count: number) => count.toLocaleString("en-US");

/**
 * What a text's or a list's length is beside the bound it broke (`comment is 1,001 characters; at most
 * 1,000`), or undefined for another value or bound. The length is the sent value's: a text the schema trims
 * first was measured without its padding, which the count then includes.
 */
function lengthMessage(name: string, value: unknown, bound: { maximum?: unknown; minimum?: unknown }) {
  const limit = bound.maximum ?? bound.minimum;
  if (typeof limit !== "number") return undefined;
  const most = bound.maximum === undefined ? "at least" : "at most";
  if (typeof value === "string")
    return `${name} is ${counted(value.length)} characters; ${most} ${counted(limit)}`;
  if (Array.isArray(value)) return `${name} has ${counted(value.length)} items; ${most} ${counted(limit)}`;
  return undefined;
}

/** The kinds zod names in `expected`, as a sentence names them. */
const KINDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

type Part = PropertyKey | { key: PropertyKey };
const keyOf = (part: Part) => (typeof part === "object" ? part.key : part);

/** The value `path` leads to in what was sent, or undefined. */
function valueAt(sent: unknown, path: readonly Part[]): unknown {
  let value = sent;
  for (const part of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[keyOf(part)];
  }
  return value;
}

/**
 * What was sent, in a few words: `the text "12.5"` (quoted as core's quotedText quotes, so nothing in it is
 * hidden or acted on where the message is shown), `the number 5`, `a list`.
 */
function sentKind(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the text ${quotedText(shown)}`;
  }
  if (typeof value === "number" || typeof value === "boolean")
    return `${typeof value === "number" ? "the number " : ""}${value}`;
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : "an object";
}

/** The issue in plain words, or as it was when the schema wrote its message or zod says something else. */
function inPlainWords(sent: unknown, issue: ValidationIssue): ValidationIssue {
  if (!ZOD_DEFAULT.test(issue.message)) return issue;
  const path = issue.path ?? [];
  const last = path.at(-1);
  const name = last === undefined ? "the body" : String(keyOf(last));
  const value = valueAt(sent, path);
  const { code, expected, values } = issue as { code?: string; expected?: string; values?: unknown[] };
  if (code === "invalid_type") {
    if (value === undefined) return { ...issue, message: `${name} is required` };
    const kind = expected === undefined ? undefined : KINDS[expected];
    return kind ? { ...issue, message: `${name} must be ${kind}, not ${sentKind(value)}` } : issue;
  }
  if (code === "too_big" || code === "too_small") {
    const message = lengthMessage(name, value, issue as { maximum?: unknown; minimum?: unknown });
    return message ? { ...issue, message } : issue;
  }
  if (code === "invalid_value" && values && values.length > 0) {
    const options = values.map(String);
    // The rule the API's parameter names and the CLI's options follow: case aside, a letter or two off.
    const meant = typeof value === "string" ? nearMisses(value, options) : undefined;
    return {
      ...issue,
      message: `${name} must be ${options.length > 1 ? "one of " : ""}${listed(options, "or")}${didYouMean(meant)}`,
    };
  }
  return issue;
}

/**
 * `issues` of what was `sent`, each of zod's own messages in plain words, and only the first issue of a
 * field whose value is of the wrong kind.
 *
 * @example
 * plainIssues({ bars: "x" }, issues)
 * // [{ path: ["interval"], message: "interval is required" }, { path: ["bars"], message: 'bars must be a list, not the text "x"' }]
 */
export function plainIssues(sent: unknown, issues: readonly ValidationIssue[]): ValidationIssue[] {
  const wrongKind = new Set(
    issues
      .filter((issue) => (issue as { code?: string }).code === "invalid_type")
      .map((issue) => JSON.stringify((issue.path ?? []).map((part) => String(keyOf(part))))),
  );
  const told = new Set<string>();
  return issues.flatMap((issue) => {
    const at = JSON.stringify((issue.path ?? []).map((part) => String(keyOf(part))));
    if (wrongKind.has(at)) {
      if (told.has(at)) return [];
      if ((issue as { code?: string }).code !== "invalid_type") return [];
      told.add(at);
    }
    return [inPlainWords(sent, issue)];
  });
}
