// The contracts that cross package boundaries: metric names and the API's routes.
export { API_ROUTES, type ApiRoute, allowedMethods, honoPath, type RequestModel } from "./api-routes";
export { BUSINESS_METRICS, type BusinessMetric, COUNTERS, type Counter, METRICS_NAMESPACE } from "./metrics";
