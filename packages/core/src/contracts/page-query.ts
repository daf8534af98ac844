// The paging of every list route: its parameters, read strictly (a cursor this API issued, a decimal limit),
// and what one page may read.

import * as z from "zod";
import { wholeNumberText } from "./whole-number-text";

/** How many items a page holds when the request gives no `limit`. */
const DEFAULT_LIMIT = 50;

/**
 * The most items a page holds (`limit`): what the API takes and the OpenAPI document says, from here.
 *
 * @example
 * MAX_PAGE_LIMIT // 100
 */
export const MAX_PAGE_LIMIT = 100;

/** Why a `limit` is refused. */
const LIMIT_RULE = `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT} in decimal digits`;

/**
 * `limit`: 1 to MAX_PAGE_LIMIT written in plain decimal digits (`0x10`, `1e1` or ` 16` are refused, not read
 * as 16), 50 when absent; one pattern checks it, which the OpenAPI document shows as the parameter's. `cursor`: the opaque text of a previous page; its contents are checked where it is
 * decoded (the functions' repositories/paging.ts).
 *
 * @example
 * z.object({ status: statusSchema, ...pageQuery }).parse({ limit: "20" }) // { limit: 20 }
 */
export const pageQuery = {
  cursor: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .describe("The previous page's `cursor`, passed back with the same filters to get the next page."),
  limit: z
    .string()
    .regex(wholeNumberText(MAX_PAGE_LIMIT), LIMIT_RULE)
    .transform(Number)
    // A prefault is the text read when none is sent, so the OpenAPI document shows it as the parameter's
    // default; a default would stand for the parsed number, which the document's input schema leaves out.
    .prefault(String(DEFAULT_LIMIT))
    .describe(
      `The page size: 1 to ${MAX_PAGE_LIMIT} written in decimal digits; ${DEFAULT_LIMIT} when absent.`,
    ),
};

/**
 * What one page may read, whatever its filter: at most `items` records examined (read before the filter,
 * as DynamoDB counts and bills them) in at most `reads` rounds of calls, a round being one call to each
 * partition key value the read spans, made at once (one call for most reads; one per shard of the alerts'
 * feed, ALERT_FEED_SHARDS and one more, for `GET /alerts`). A filter that matches little would
 * otherwise read a whole table to fill one page; past the budget the page is answered short, even empty,
 * with a cursor to go on from (docs/api.md, Paging).
 *
 * @example
 * PAGE_READ_BUDGET.items // 1000
 */
export const PAGE_READ_BUDGET = { items: 1000, reads: 10 } as const;
