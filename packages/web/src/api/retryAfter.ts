// Reads a 429's or 503's Retry-After (RFC 9110 section 10.2.3): how long the API asked not to be asked again.
// Written out rather than left to Date.parse, which takes garbage ("5" is May 2001) and reads the asctime
// form in the browser's own zone where HTTP means GMT.

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const LONG_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const day = `(?:${DAYS.join("|")})`;
const month = `(${MONTHS.join("|")})`;
const clock = "(\\d{2}):(\\d{2}):(\\d{2})";
/** The three forms an HTTP-date takes (RFC 9110 section 5.6.7), each capturing day, month, year and time. */
const IMF_FIXDATE = new RegExp(`^${day}, (\\d{2}) ${month} (\\d{4}) ${clock} GMT$`);
const RFC850_DATE = new RegExp(`^(?:${LONG_DAYS.join("|")}), (\\d{2})-${month}-(\\d{2}) ${clock} GMT$`);
const ASCTIME_DATE = new RegExp(`^${day} ${month} ( \\d|\\d{2}) ${clock} (\\d{4})$`);

/** Milliseconds since the epoch of a day and time in GMT, or undefined for one that does not exist (31 Feb). */
function instant(date: number, monthName: string, year: number, hms: string[]): number | undefined {
  const [hour, minute, second] = hms.map(Number) as [number, number, number];
  const monthIndex = MONTHS.indexOf(monthName as (typeof MONTHS)[number]);
  const time = Date.UTC(year, monthIndex, date, hour, minute, second);
  // Leap seconds (60) are allowed by the grammar: read as the second after.
  const back = new Date(time - (second === 60 ? 1000 : 0));
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  if (back.getUTCDate() !== date || back.getUTCMonth() !== monthIndex) return undefined;
  return time;
}

/**
 * The instant an HTTP-date names, in any of its three forms; an rfc850-date's two-digit year more than 50
 * years ahead of `now` is the latest past year with those digits, as RFC 9110 says a recipient must read it.
 * @example httpDate("Sun, 06 Nov 1994 08:49:37 GMT", Date.now()) // 784111777000
 */
export function httpDate(text: string, now: number): number | undefined {
  const fix = IMF_FIXDATE.exec(text);
  if (fix) return instant(Number(fix[1]), fix[2] as string, Number(fix[3]), fix.slice(4));
  const old = RFC850_DATE.exec(text);
  if (old) {
    const thisYear = new Date(now).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(old[3]);
    if (year > thisYear + 50) year -= 100;
    return instant(Number(old[1]), old[2] as string, year, old.slice(4));
  }
  const asc = ASCTIME_DATE.exec(text);
  if (asc)
    return instant(Number((asc[2] as string).trim()), asc[1] as string, Number(asc[6]), asc.slice(3, 6));
  return undefined;
}

/**
 * The most delta-seconds read: RFC 9111 section 1.2.2 has a cache read a larger value as 2^31 s (68 years),
 * and an instant further off than a Date holds (about 275,000 years) would make the notice's time throw.
 */
const MAX_DELTA_SECONDS = 2 ** 31;

/**
 * How many milliseconds a Retry-After asks to wait from `now`: delta-seconds (at most MAX_DELTA_SECONDS), or
 * until an HTTP-date (0 for one already past); undefined when there is none or it is neither.
 * @example retryAfterMs("330", Date.now()) // 330000
 * @example retryAfterMs("soon", Date.now()) // undefined
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value), MAX_DELTA_SECONDS) * 1000;
  const at = httpDate(value, now);
  return at === undefined ? undefined : Math.max(0, at - now);
}
