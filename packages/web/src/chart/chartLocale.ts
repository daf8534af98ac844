// Some systems report locales Intl rejects (e.g. "en-US@posix"), which would crash the chart's formatting.

/**
 * The first of the browser's languages that Intl accepts, or "en-US".
 * @example chartLocale(["en-US@posix", "de-DE"]) // "de-DE"
 */
export function chartLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): string {
  for (const language of languages) {
    try {
      new Intl.NumberFormat(language);
      return language;
    } catch {
      // not a valid BCP 47 tag: try the next one
    }
  }
  return "en-US";
}
