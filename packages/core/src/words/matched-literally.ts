// Text to be matched as it is inside a regular expression (a date format's fixed parts, a path quoted in
// a message), its characters that mean something to RegExp escaped, written once.

/**
 * `text` as a RegExp source that matches exactly it.
 *
 * @example
 * new RegExp(`^${matchedLiterally("a.b (1)")}$`).test("a.b (1)") // true; "axb (1)" is not matched
 */
export function matchedLiterally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
