// Where the console finds the API: VITE_API_URL when built for AWS, otherwise the console's own origin.

/**
 * The API's base URL without a trailing slash; "" means "same origin" (relative requests).
 * @example apiBaseUrl("https://abc.execute-api.us-east-1.amazonaws.com/live/") // "https://abc…/live"
 */
export function apiBaseUrl(configured: string | undefined = import.meta.env.VITE_API_URL): string {
  return (configured ?? "").trim().replace(/\/+$/, "");
}
