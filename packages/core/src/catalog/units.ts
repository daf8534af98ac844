// The catalog's unit of long periods, said once.

/** Seconds in a day. */
export const DAY = 86_400;
