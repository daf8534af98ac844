// The paging parameters every list route takes, read strictly: a cursor this API issued, a decimal limit.

import { z } from "zod";

/**
 * `limit`: 1 to 100 written in plain decimal digits (`0x10`, `1e1` or ` 16` are refused, not read as 16),
 * 50 when absent. `cursor`: the opaque text of a previous page; its contents are checked where it is
 * decoded (the functions' repositories/paging.ts).
 *
 * @example
 * z.object({ status: statusSchema, ...pageQuery }).parse({ limit: "20" }) // { limit: 20 }
 */
export const pageQuery = {
  cursor: z.string().min(1).max(4096).optional(),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, "limit must be a whole number from 1 to 100 in decimal digits")
    .transform(Number)
    .pipe(z.number().max(100, "limit must be a whole number from 1 to 100 in decimal digits"))
    .default(50),
};
