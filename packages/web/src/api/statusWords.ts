// What a status means, in words, for an answer that says nothing itself: over HTTP/2 (and from some proxies)
// an answer has no reason phrase, and one with no problem document then read "HTTP 503" and no more.

/** The statuses approvers meet, each in words; the one list the console reads them from. */
const STATUS_WORDS: Readonly<Record<number, string>> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Content too large",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

/**
 * A status in words: the console's own for the statuses it knows (the same over HTTP/1.1 and HTTP/2), else
 * the answer's reason phrase, else the bare number.
 * @example statusWords(503, "") // "Service unavailable"
 * @example statusWords(418, "") // "HTTP 418"
 */
export function statusWords(status: number, reasonPhrase = ""): string {
  return STATUS_WORDS[status] ?? (reasonPhrase || `HTTP ${status}`);
}
