// Strict bar times for files: core's one rule (ISO 8601 dates and datetimes that exist on the calendar, or
// epoch seconds or milliseconds), and `--date-format` for a file that writes its times another way.

import {
  ambiguousDate,
  timeStyle as coreTimeStyle,
  listed,
  matchedLiterally,
  needsEscaping,
  quotedText,
  type TimeStyle,
} from "@stock-patterns/core";

export type { TimeStyle };

/** The `--date-format` that reads eight digits as a date (YYYYMMDD, as finance exports write dates). */
export const COMPACT_DATE_FORMAT = "YYYYMMDD";

/**
 * The style of `text` when it is a strict time, or a sentence saying why it is not (core's timeStyle,
 * ending with `otherForms`, the option that reads other forms, and for eight digits that are a date, the
 * format that does).
 *
 * @example
 * timeStyle("2020-01-02") // "iso"
 * timeStyle("2020-02-30") // 'time "2020-02-30" is not a date on the calendar'
 * timeStyle("20200102") // 'time "20200102" is ambiguous: ... (--date-format YYYYMMDD reads it as a date)'
 */
export function timeStyle(text: string, otherForms = "--date-format reads others"): TimeStyle | string {
  const style = coreTimeStyle(text, otherForms);
  if (style === "iso" || style === "epoch" || !ambiguousDate(text)) return style;
  return `${style} (--date-format ${COMPACT_DATE_FORMAT} reads it as a date)`;
}

/** One `--date-format` token: the digits of one field of a time, as many as the token has letters. */
interface DateFormatToken {
  readonly token: string;
  /** A date's field, without which a format is refused. */
  readonly needed?: true;
  /** The token without which this one is refused: a minute or second is written only after its hour. */
  readonly onlyWith?: string;
}

/**
 * `--date-format`'s tokens, in the order ISO 8601 writes them: the one list its reader, its refusals and
 * the help's words (DATE_FORMAT_RULES) are written from.
 */
const DATE_FORMAT_TOKENS: readonly DateFormatToken[] = [
  { token: "YYYY", needed: true },
  { token: "MM", needed: true },
  { token: "DD", needed: true },
  { token: "HH" },
  { token: "mm", onlyWith: "HH" },
  { token: "ss", onlyWith: "HH" },
];

/** Each token's letters: "YYYY", "MM", ... */
const TOKENS = DATE_FORMAT_TOKENS.map(({ token }) => token);
const NEEDED = DATE_FORMAT_TOKENS.flatMap(({ token, needed }) => (needed ? [token] : []));

/** Each token read only beside another, with that other: mm -> HH, ss -> HH. */
const ONLY_WITH = new Map(
  DATE_FORMAT_TOKENS.flatMap(({ token, onlyWith }) =>
    onlyWith === undefined ? [] : [[token, onlyWith] as const],
  ),
);

/** The tokens read only beside another, by that other: ["mm and ss only with HH"]. */
const ONLY_WITH_RULES = [...new Set(ONLY_WITH.values())].map(
  (before) =>
    `${listed([...ONLY_WITH].flatMap(([token, other]) => (other === before ? [token] : [])))} only with ${before}`,
);

/**
 * The tokens and how a format may use them, as the help says it: "YYYY MM DD HH mm ss, each at most once,
 * mm and ss only with HH".
 */
export const DATE_FORMAT_RULES = [TOKENS.join(" "), "each at most once", ...ONLY_WITH_RULES].join(", ");

/** The tokens in a format, the longest tried first, so none is read as part of another. */
const FORMAT_TOKENS = new RegExp([...TOKENS].sort((a, b) => b.length - a.length).join("|"), "g");

/** A reader for one explicit `--date-format` (DATE_FORMAT_TOKENS, anything else literal). */
export interface DateFormat {
  /** The ISO 8601 form of `text`, or undefined when it does not match the format or the calendar. */
  toIso(text: string): string | undefined;
  /**
   * The text toIso reads as `iso`: the time as the file writes it, which the ISO 8601 form gives back whole
   * (each token's digits, between the format's own characters); undefined for a time toIso does not write.
   */
  fromIso(iso: string): string | undefined;
  readonly pattern: string;
}

/** A time as toIso writes it: a date, then a time of day when the format has an hour. */
const WRITTEN_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * Compiles `--date-format`: times read with it are printed in ISO 8601, so they sort and compare as dates.
 * A format is refused (RangeError) without YYYY, MM and DD; with a token twice, of which only the last
 * would be read ("YYYY-MM-DD YYYY" read "2020-01-02 1999" as 1999-01-02); with mm or ss but no HH, which
 * would be dropped ("YYYY-MM-DD mm" read "2020-01-02 30" as 2020-01-02); or with a character a message
 * escapes (core's needsEscaping: a control or format character, another that shows nothing, a line
 * separator, a space other than U+0020), which a time would then have to hold unseen, though such a time
 * is refused without the option.
 *
 * @example
 * dateFormat("DD/MM/YYYY").toIso("31/01/2020") // "2020-01-31"
 * dateFormat("DD/MM/YYYY").fromIso("2020-01-31") // "31/01/2020"
 * dateFormat("YYYY-MM-DD YYYY") // throws: --date-format gives YYYY twice, ...
 */
export function dateFormat(pattern: string): DateFormat {
  const tokens: string[] = [];
  // The format's own characters before each token, and after the last.
  const literals: string[] = [];
  let source = "";
  let last = 0;
  for (const match of pattern.matchAll(FORMAT_TOKENS)) {
    literals.push(pattern.slice(last, match.index));
    source += `${matchedLiterally(pattern.slice(last, match.index))}(\\d{${match[0].length}})`;
    tokens.push(match[0]);
    last = match.index + match[0].length;
  }
  literals.push(pattern.slice(last));
  source += matchedLiterally(pattern.slice(last));
  if (!NEEDED.every((token) => tokens.includes(token))) {
    throw new RangeError(`--date-format needs ${listed(NEEDED)}, got ${quotedText(pattern)}`);
  }
  const twice = tokens.find((token, i) => tokens.indexOf(token) !== i);
  if (twice !== undefined)
    throw new RangeError(
      `--date-format gives ${twice} twice, got ${quotedText(pattern)} (each of ${listed(TOKENS)} is read once)`,
    );
  // toIso writes a time of day only with its hour: a minute or second alone was read and dropped.
  const alone = tokens.find((token) => {
    const other = ONLY_WITH.get(token);
    return other !== undefined && !tokens.includes(other);
  });
  if (alone !== undefined)
    throw new RangeError(
      `--date-format reads ${alone} only with ${ONLY_WITH.get(alone)}, got ${quotedText(pattern)} (a time of day without its hour is not read)`,
    );
  if (needsEscaping(pattern))
    throw new RangeError(
      `--date-format needs characters that show, got ${quotedText(pattern)} (a control or format character, another that shows nothing, a line separator, or a space other than U+0020, cannot be seen in a time)`,
    );
  const regex = new RegExp(`^${source}$`);
  const toIso = (text: string) => {
    const match = regex.exec(text);
    if (!match) return undefined;
    const value: Record<string, string> = { HH: "", mm: "00", ss: "00" };
    tokens.forEach((token, i) => {
      value[token] = match[i + 1] ?? "";
    });
    const time = value.HH ? `T${value.HH}:${value.mm}:${value.ss}` : "";
    const iso = `${value.YYYY}-${value.MM}-${value.DD}${time}`;
    return timeStyle(iso) === "iso" ? iso : undefined;
  };
  const fromIso = (iso: string) => {
    const match = WRITTEN_ISO.exec(iso);
    if (!match) return undefined;
    const [, YYYY, MM, DD, HH, mm, ss] = match;
    const value: Record<string, string | undefined> = { YYYY, MM, DD, HH, mm, ss };
    let text = literals[0] ?? "";
    tokens.forEach((token, i) => {
      text += `${value[token] ?? ""}${literals[i + 1] ?? ""}`;
    });
    // What toIso would not write (a time of day the format has no hour for, a minute it drops) reads back otherwise.
    return toIso(text) === iso ? text : undefined;
  };
  return { pattern, toIso, fromIso };
}

/**
 * dateFormat of a `--date-format` that may not have been given.
 *
 * @example
 * givenDateFormat(undefined) // undefined
 */
export const givenDateFormat = (pattern: string | undefined): DateFormat | undefined =>
  pattern === undefined ? undefined : dateFormat(pattern);
