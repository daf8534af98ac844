// Text put in order by its UTF-16 code units: the same order on every machine. `localeCompare` follows the
// collation of the process's locale (LANG or LC_ALL): under da_DK "Aa" sorts after "Z", under et_EE "z"
// before "t". Whatever must come out the same wherever it runs (a fingerprint, a listing to diff, an order
// compared with DynamoDB's, which for the ASCII our keys hold is this one) is sorted with this instead.

/**
 * A sort comparator by UTF-16 code units, whatever the locale.
 *
 * @example
 * ["ApiZ", "ApiAa", "Apia"].sort(codeUnitOrder) // ["ApiAa", "ApiZ", "Apia"]
 */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
