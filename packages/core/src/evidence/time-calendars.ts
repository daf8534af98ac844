// The baseline's returns of many series by the time they start, read back in time order, for the lift's
// design effect (lift-dependence.ts). Series on one calendar add to one table of its times; series whose
// times differ (intraday bars stamped at other seconds, exchanges in other time zones) keep one each, and
// the tables are merged as they are read, with no table of every distinct time (a Map of them and a sort
// at the end cost 4 s and 380 MiB for 500 series of 5,000 bars, no two at one time).

/**
 * Increasing times and the returns that start at each, at every horizon measured: for slot s and the i-th
 * of h horizons, how many at `returns[3 * (s * h + i)]`, how many above 0 at the next index, below 0 at the
 * one after (one column, so that reading a time's returns is one run of memory). A count is at most the
 * number of `series` added to the calendar: 16 bits each up to MOST_IN_16_BITS of them, 32 past it.
 */
export interface Calendar {
  times: Float64Array;
  returns: Uint16Array | Int32Array;
  series: number;
}

/** The most series a calendar counts the returns of in 16 bits (a series adds at most 1 at a time). */
export const MOST_IN_16_BITS = 0xffff;

/**
 * The calendars of the series added, read back one distinct time at a time, in increasing order.
 *
 * @example
 * const calendars = new TimeCalendars(1);
 * const { calendar, first } = calendars.of(times);
 * calendars.inTimeOrder((times, sums, length) => console.log(times[0], sums[0], sums[1], sums[2]));
 */
export class TimeCalendars {
  private readonly calendars: Calendar[] = [];

  /** `horizons`: how many horizons each time's returns are counted at. */
  constructor(private readonly horizons: number) {}

  /**
   * The calendar to add a series' returns to, and the slot of its first bar there: the last one taken when
   * the series' times are a run of its times (series of one calendar), else a new one of these times.
   * Throws RangeError when the times do not increase (a checked series' do).
   */
  of(times: Float64Array): { calendar: Calendar; first: number } {
    const last = this.calendars.at(-1);
    if (last !== undefined) {
      const first = firstAtLeast(last.times, times[0] ?? Number.NEGATIVE_INFINITY);
      let same = first + times.length <= last.times.length;
      for (let i = 0; same && i < times.length; i++) same = times[i] === last.times[first + i];
      if (same) {
        last.series++;
        if (last.series > MOST_IN_16_BITS && last.returns instanceof Uint16Array)
          last.returns = Int32Array.from(last.returns);
        return { calendar: last, first };
      }
    }
    for (let i = 0, before = Number.NEGATIVE_INFINITY; i < times.length; i++) {
      const time = times[i] as number;
      if (!(before < time)) throw new RangeError(`a series' times must increase: bar ${i} at ${time}`);
      before = time;
    }
    // 2 bytes where 4 would hold 0 or 1 for one series on times of its own (30 MiB of 50 for 2,500,000).
    const calendar = { times, returns: new Uint16Array(3 * this.horizons * times.length), series: 1 };
    this.calendars.push(calendar);
    return { calendar, first: 0 };
  }

  /**
   * Calls `visit` with the distinct times of every calendar, in increasing order, a block of up to
   * BLOCK_TIMES at a time, and the returns that start at each in all of them: for the b-th time of the
   * block and the i-th horizon, how many at `sums[3 * (b * horizons + i)]`, how many above 0 and how many
   * below at the two after. The calendars are merged as sorted runs are, each by its next time in a heap.
   */
  inTimeOrder(visit: (times: Float64Array, sums: Int32Array, length: number) => void): void {
    const { calendars } = this;
    const next = new Int32Array(calendars.length);
    const heads = Float64Array.from(calendars, ({ times }) => times[0] ?? Number.NaN);
    // The calendars with times left, the one of the least next time first (a binary heap).
    const heap = new Int32Array(calendars.length);
    let size = 0;
    calendars.forEach(({ times }, c) => {
      if (times.length === 0) return;
      let at = size++;
      while (at > 0 && (heads[heap[(at - 1) >> 1] as number] as number) > (heads[c] as number)) {
        heap[at] = heap[(at - 1) >> 1] as number;
        at = (at - 1) >> 1;
      }
      heap[at] = c;
    });
    const width = 3 * this.horizons;
    const times = new Float64Array(BLOCK_TIMES);
    const sums = new Int32Array(BLOCK_TIMES * width);
    // The block's times so far; the last one's sums may still grow.
    let length = 0;
    while (size > 0) {
      const c = heap[0] as number;
      const calendar = calendars[c] as Calendar;
      const slot = next[c] as number;
      if (length === 0 || heads[c] !== times[length - 1]) {
        if (length === BLOCK_TIMES) {
          visit(times, sums, length);
          length = 0;
        }
        times[length] = heads[c] as number;
        for (let j = length * width; j < (length + 1) * width; j++) sums[j] = 0;
        length++;
      }
      for (let j = 0, to = (length - 1) * width, from = slot * width; j < width; j++, to++, from++)
        sums[to] = (sums[to] as number) + (calendar.returns[from] as number);
      next[c] = slot + 1;
      if (slot + 1 < calendar.times.length) heads[c] = calendar.times[slot + 1] as number;
      else heap[0] = heap[--size] as number;
      siftDown(heap, size, heads);
    }
    if (length > 0) visit(times, sums, length);
  }
}

/** How many distinct times TimeCalendars.inTimeOrder hands on at once. */
export const BLOCK_TIMES = 4096;

/** Moves the top of a binary heap of indices into `keys`, least first, down to its place. */
function siftDown(heap: Int32Array, size: number, keys: Float64Array): void {
  const item = heap[0] as number;
  const key = keys[item] as number;
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size && (keys[heap[right] as number] as number) < (keys[heap[child] as number] as number))
      child = right;
    const below = heap[child] as number;
    if ((keys[below] as number) >= key) break;
    heap[at] = below;
    at = child;
  }
  heap[at] = item;
}

/** The first index of increasing `times` whose time is at least `time` (their length when none is). */
function firstAtLeast(times: Float64Array, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    // biome-ignore lint/style/noNonNullAssertion: mid < times.length.
    if (times[mid]! < time) low = mid + 1;
    else high = mid;
  }
  return low;
}
