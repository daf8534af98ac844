// The console's page of an alert, linked from the messages that speak about it.

/**
 * The console's address (`APPROVAL_BASE_URL`) with the alert page's hash route.
 *
 * @example
 * alertUrl("alr_1", "https://console.example.com/") // "https://console.example.com/#/alerts/alr_1"
 */
export function alertUrl(alertId: string, base = process.env.APPROVAL_BASE_URL): string {
  if (!base) throw new Error("APPROVAL_BASE_URL is not set: alert links need the console's address");
  const url = new URL(base);
  url.hash = `/alerts/${encodeURIComponent(alertId)}`;
  return url.toString();
}

/**
 * Whether alertUrl can make a link here unaided: the console's address is set (the Api, whose address the
 * console is built with, has none).
 *
 * @example
 * consoleAddressKnown() // true in the AlertProcessor, false in the Api
 */
export function consoleAddressKnown(): boolean {
  return Boolean(process.env.APPROVAL_BASE_URL);
}
