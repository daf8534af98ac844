// The parts of an ISO 8601 datetime in every form a bar time may take, for the forms time.ts' hand-written
// readers leave (a fraction past milliseconds, a zone offset) and for saying why a text is not a time.

/**
 * "YYYY-MM-DD", then "T" or a space and "HH:MM", ":SS" and a fraction of 1 to 9 digits or not, "Z", an
 * offset "+HH:MM" / "-HHMM" or no zone (read as UTC).
 */
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))?)?$/;

/** The numbers an ISO 8601 date or datetime writes, unchecked against the calendar and the clock. */
export interface IsoParts {
  year: number;
  month: number;
  day: number;
  /** 0 for a bare date, as minute and second. */
  hour: number;
  minute: number;
  second: number;
  /** The fraction's first three digits: later ones are dropped, as Date.parse drops them. */
  millisecond: number;
  offsetHours: number;
  offsetMinutes: number;
  /** -1 for a zone west of UTC ("-05:00"), else 1. */
  offsetSign: number;
}

/**
 * The parts of `text` when it has the shape of an ISO 8601 date or datetime, else undefined.
 *
 * @example
 * isoParts("2020-01-02T09:30:00.1234+05:30")?.offsetMinutes // 30
 * isoParts("01/02/2020") // undefined
 */
export function isoParts(text: string): IsoParts | undefined {
  const match = ISO_TIME.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = match;
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? "").padEnd(3, "0").slice(0, 3)),
    offsetHours: Number(offsetHours ?? 0),
    offsetMinutes: Number(offsetMinutes ?? 0),
    offsetSign: sign === "-" ? -1 : 1,
  };
}

/**
 * Whether the time of day and the zone offset of `parts` exist: hours 0-23, minutes and seconds 0-59.
 *
 * @example
 * clockIsValid(isoParts("2020-01-02T25:00")!) // false
 */
export function clockIsValid(parts: IsoParts): boolean {
  return (
    parts.hour <= 23 &&
    parts.minute <= 59 &&
    parts.second <= 59 &&
    parts.offsetHours <= 23 &&
    parts.offsetMinutes <= 59
  );
}
