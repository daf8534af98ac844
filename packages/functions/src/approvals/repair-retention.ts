// Approvals closed by releases before a11e279 keep their decision deadline as their TTL value, so DynamoDB
// deletes them (who decided, when, the comment) within days of it; nothing in a release since rewrites it.
// The operator's one-time repair gives each the audit retention a close gives now (docs/deploy.md).

import { type Approval, type ApprovalStatus, keptClosedUntil } from "./approval";
import { closedBeforeDeadlineEpoch, keepClosedForAudit } from "./audit-keep";

/** What a run found and did. */
export interface KeepClosedSummary {
  scanned: number;
  /** Closed approvals with their deadline as their TTL value. */
  found: number;
  /** Rewritten (0 in a dry run). */
  kept: number;
  /** Gone, or kept by another run, between the scan and the write. */
  gone: number;
}

export interface KeepClosedOptions {
  /** Without it, only find them. */
  apply: boolean;
  onProgress?: (scanned: number) => void;
  /** Told each one found, with the TTL value it gets (or would get). */
  onApproval?: (approval: Approval, keptUntil: number, kept: boolean) => void;
}

/**
 * When an older release closed `approval`: its decision, its expiry or supersede, or (a reissue's tombstone,
 * stored closed) its request.
 */
const closedAt = (approval: Approval): string =>
  approval.decidedAt ?? approval.closedAt ?? approval.createdAt;

/**
 * Finds every approval an older release closed and, with `apply`, keeps it APPROVAL_AUDIT_RETENTION_SECONDS
 * from its close (keptClosedUntil), its deadline moved to `deadlineEpoch`, as the close would now.
 *
 * @example
 * await keepClosedApprovals({ apply: true }) // { scanned: 1200, found: 37, kept: 37, gone: 0 }
 */
export async function keepClosedApprovals(options: KeepClosedOptions): Promise<KeepClosedSummary> {
  const summary: KeepClosedSummary = { scanned: 0, found: 0, kept: 0, gone: 0 };
  const onPage = (scanned: number) => {
    summary.scanned = scanned;
    options.onProgress?.(scanned);
  };
  for await (const approval of closedBeforeDeadlineEpoch(onPage)) {
    summary.found++;
    const keptUntil = keptClosedUntil(new Date(closedAt(approval)));
    const status = approval.status as Exclude<ApprovalStatus, "PENDING">;
    const kept = options.apply && (await keepClosedForAudit(approval.tokenHash, status, keptUntil));
    if (kept) summary.kept++;
    else if (options.apply) summary.gone++;
    options.onApproval?.(approval, keptUntil, kept);
  }
  return summary;
}
