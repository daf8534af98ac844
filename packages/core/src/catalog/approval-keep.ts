// How long an approval is kept once closed, and when nobody closed it.

import { QUEUES } from "./queues";
import { DAY } from "./units";

/**
 * How long an approval is kept once it is closed (decided, expired or superseded): who approved or
 * rejected it, when, and the comment are the desk's audit trail, so 400 days lets a yearly review of
 * the last twelve months find every decision, with a month to spare. Kept through ApprovalTracking's TTL
 * attribute (`expiresAtEpoch`), which the close rewrites to its time plus this: TTL deletes an item only
 * once that epoch is past, so a later value puts the deletion off, and the table itself is unchanged
 * (changing its TTL attribute is an UpdateTimeToLive, one per table an hour, taking up to an hour:
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html).
 */
export const APPROVAL_AUDIT_RETENTION_SECONDS = 400 * DAY;

/**
 * How long an approval nobody closed is kept past its deadline before TTL may delete it: as long as its
 * PendingApprovals message can still be redriven from the dead-letter queue (which keeps it 14 days from
 * the send, the request), so a redriven watch, or the sweep, still finds it to mark EXPIRED. Then it is
 * kept APPROVAL_AUDIT_RETENTION_SECONDS from that.
 */
export const APPROVAL_OPEN_RETENTION_SECONDS = QUEUES.PendingApprovals.deadLetterRetentionSeconds;
