// The messaging face (#messaging): what is sent to the system's queues and published to its topics.

export {
  deferPendingApproval,
  enqueueAlert,
  enqueueAlerts,
  enqueuePendingApproval,
  type PendingApprovalMessage,
} from "./queues";
export {
  publishApprovalExpired,
  publishApprovalRequest,
  publishLifecycle,
  publishLifecycles,
  publishTradingAlert,
  publishTradingAlerts,
} from "./topics";
