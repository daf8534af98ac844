// The approve link sent to approvers: the console's address with the one-time token as a query parameter.

/**
 * The URL an approver opens: `APPROVAL_BASE_URL` with `token=<token>` added to its query.
 *
 * @example
 * approveUrl("abc", "https://console.example.com/") // "https://console.example.com/?token=abc"
 */
export function approveUrl(token: string, base = process.env.APPROVAL_BASE_URL): string {
  if (!base) throw new Error("APPROVAL_BASE_URL is not set: approval links need the console's address");
  const url = new URL(base);
  url.searchParams.set("token", token);
  return url.toString();
}
