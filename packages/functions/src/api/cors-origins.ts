// The origins the API's CORS answers allow: core's API_CORS.origin, or the list CORS_ALLOWED_ORIGINS narrows
// it to. One reading, for the CORS middleware that sends the headers and the document that lists them.

import { API_CORS } from "@stock-patterns/core/contracts";

/**
 * `"*"`, or the origins named in CORS_ALLOWED_ORIGINS (comma-separated) when it is set.
 *
 * @example
 * allowedOrigins({ CORS_ALLOWED_ORIGINS: "https://a.example, https://b.example" }) // ["https://a.example", "https://b.example"]
 */
export function allowedOrigins(env: NodeJS.ProcessEnv = process.env): typeof API_CORS.origin | string[] {
  return (
    env.CORS_ALLOWED_ORIGINS?.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean) ?? API_CORS.origin
  );
}
