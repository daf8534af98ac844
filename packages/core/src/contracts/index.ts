// The contracts that cross package boundaries: metric names, the API's routes, requests and answers,
// outcomes and evidence, the messages published outside the API, and the CLI's JSON lines.

export { ANSWER_CODINGS, type AnswerCoding, MIN_COMPRESSED_ANSWER_BYTES } from "./answer-compression";
export {
  type AlertDetail,
  alertDetailSchema,
  alertsPageSchema,
  analysisSchema,
  approvalProblemSchema,
  approvalsPageSchema,
  barSchema,
  type DecisionAnswer,
  type DetectionSummary,
  decisionAnswerSchema,
  detectionSchema,
  detectionSummarySchema,
  type GradedDetection,
  gradedDetectionSchema,
  healthSchema,
  type KeyIdentity,
  keyIdentitySchema,
  manualReviewSchema,
  type Page,
  type Problem,
  pageOf,
  patternsPageSchema,
  problemSchema,
  reviewProblemSchema,
  storedPatternSchema,
} from "./api";
export {
  API_ANSWER_HEADERS,
  API_CORS,
  API_KEY_CHALLENGE,
  FRONT_ANSWER_HEADERS,
  GATEWAY_HEADERS,
  REQUEST_ID_HEADER,
  RETRY_AFTER_EXPOSED,
  RETRY_AFTER_HEADER,
} from "./api-headers";
export {
  ANY_METHODS,
  API_ROUTES,
  type ApiRoute,
  allowedMethods,
  allowHeaders,
  honoPath,
  keyedOperations,
  type RequestModel,
  refusedMethods,
} from "./api-routes";
export {
  type BarsQuery,
  barsQuerySchema,
  type HeldBars,
  heldBarsSchema,
} from "./bars";
export { cliLineJsonSchema, type ScanLine, scanLineSchema, statsLineSchema } from "./cli";
export { consoleHeaders } from "./console-headers";
export {
  FRONT_ANSWERERS,
  FRONT_MEDIA_TYPE,
  type FrontAnswer,
  type FrontProblem,
  type FrontReach,
  frontAnswersOf,
  frontProblemDocument,
  frontProblemHeaders,
  frontProblemSchema,
  GATEWAY_PROBLEMS,
  type GatewayProblemType,
  INTEGRATION_TIMEOUT_PROBLEM,
  LARGE_BODY_PATH,
  LOCAL_PROBLEMS,
  WAF_BLOCK_PROBLEMS,
  WAF_RATE_WINDOW_SECONDS,
  type WafBlock,
} from "./front-problems";
export { API_KEY_ROLES, type ApiKeyRole, roleCovers } from "./key-roles";
export {
  LIFECYCLE_EVENTS,
  type LifecycleEvent,
  type LifecycleMessage,
  lifecycleMessageSchema,
} from "./lifecycle";
export {
  type AlertMessage,
  type ApprovalExpiredMessage,
  type ApprovalRequestMessage,
  type ApprovalRequestsMessage,
  alertMessageSchema,
  approvalExpiredMessageSchema,
  approvalRequestMessageSchema,
  approvalRequestsMessageSchema,
  MESSAGE_SCHEMAS,
  type MessageChannel,
  messageJsonSchema,
  type PendingApprovalMessage,
  pendingApprovalMessageSchema,
  type RejectedMarketRecord,
  rejectedMarketRecordSchema,
  type TradingAlertsMessage,
  tradingAlertsMessageSchema,
} from "./messages";
export { BUSINESS_METRICS, type BusinessMetric, COUNTERS, type Counter, METRICS_NAMESPACE } from "./metrics";
export { evidenceSchema, outcomeSchema, runningEvidenceSchema } from "./outcomes";
export { MAX_PAGE_LIMIT, PAGE_READ_BUDGET, pageQuery } from "./page-query";
export { readableText } from "./readable-text";
export {
  alertIdPathSchema,
  alertsQuerySchema,
  analysisRequestSchema,
  approvalIdPathSchema,
  approvalsQuerySchema,
  barInputSchema,
  decisionRequestSchema,
  noQuerySchema,
  patternsQuerySchema,
  queryTime,
  REQUEST_BODIES,
  tokenPathSchema,
} from "./requests";
export { intervalSchema, intervalSpanMs, MAX_BARS, MIN_BARS, symbolSchema } from "./series";
export { type Stats, type StatsQuery, statsQuerySchema, statsSchema } from "./stats";
