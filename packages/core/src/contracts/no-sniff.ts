// The one header that both the console's files and the API's answers carry: a browser reads each only as
// the type its Content-Type names (a JSON answer or a script is never run as another kind of file).

/**
 * Spread into a list of answer headers.
 *
 * @example
 * const headers = { "cache-control": "no-store", ...NO_SNIFF };
 */
export const NO_SNIFF = { "x-content-type-options": "nosniff" } as const;
