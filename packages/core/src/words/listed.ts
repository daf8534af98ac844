// Several words in one sentence, as the refusals and help texts write a list, so that the rule for its
// commas and its last word is written once.

/**
 * The words joined as a sentence lists them: commas, and `conjunction` before the last.
 *
 * @example
 * listed(["YYYY", "MM", "DD"]) // "YYYY, MM and DD"
 * listed(["analyst", "approver"], "or") // "analyst or approver"
 * listed(["symbol"]) // "symbol"
 */
export function listed(words: readonly string[], conjunction: "and" | "or" = "and"): string {
  return words.length < 2
    ? words.join("")
    : `${words.slice(0, -1).join(", ")} ${conjunction} ${words.at(-1)}`;
}
