// The approver console's security headers, one list for every host that serves it (CloudFront on AWS,
// the local server under `npm start`). The console holds an approver's key: it may run only its own
// scripts, talk only to its own origin and the API, and never be framed by another page.

import { NO_SNIFF } from "./no-sniff";

/**
 * The headers every console file is served with. `apiOrigin`: where the console calls the API, when
 * that is another origin than the console's own.
 *
 * @example
 * consoleHeaders("https://abc123.execute-api.us-east-1.amazonaws.com")["content-security-policy"]
 * // "default-src 'self'; … connect-src 'self' https://abc123.execute-api.us-east-1.amazonaws.com; …"
 */
export function consoleHeaders(apiOrigin?: string): Record<string, string> {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    // The chart library adds one <style> element of its own.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return {
    "content-security-policy": policy.join("; "),
    "x-frame-options": "DENY",
    ...NO_SNIFF,
    // An approve link's token arrives in the first page's query: no request ever names that address.
    "referrer-policy": "no-referrer",
    // HTTPS only for a year once seen over HTTPS, so a typed address never goes out in clear first; a
    // browser ignores it over plain HTTP (RFC 6797 8.1), as on the local server.
    "strict-transport-security": "max-age=31536000",
  };
}
