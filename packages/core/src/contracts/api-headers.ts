// The headers every API answer carries, whoever serves it: the Api function (on AWS and under `npm start`)
// and the local server while the API is not loaded yet.

import { NO_SNIFF } from "./no-sniff";

/**
 * Each answer is for one key's holder: no shared cache (a proxy, a CDN) may store it, and no browser may
 * read it as another type than its Content-Type says.
 *
 * @example
 * new Response(body, { headers: { ...API_ANSWER_HEADERS, "content-type": "application/json" } })
 */
export const API_ANSWER_HEADERS = {
  "cache-control": "no-store",
  ...NO_SNIFF,
} as const;
