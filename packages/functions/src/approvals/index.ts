// The approvals feature's face (#approvals): a CRITICAL alert waiting for a human, requested, decided or
// expired once.

export { APPROVAL_STATUSES, type Approval, deadlineOf, toView } from "./approval";
export { inOpenIndex } from "./approval-table";
export { markApprovalPublished, releaseApprovalPublished } from "./claims";
export { type DecisionOutcome, decideApproval, settleAlert } from "./decide";
export { watchApproval } from "./expire";
export {
  approvalsOfAlert,
  createApproval,
  DUE_APPROVALS_A_PAGE,
  getApproval,
  getApprovals,
  keptApproval,
  listApprovals,
  pendingApprovalsExpiredBefore,
  recordDecision,
} from "./repository";
export { type ApprovalRequestOutcome, requestApproval } from "./request";
