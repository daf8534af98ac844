// The alerts feature's face (#alerts): an alert as stored, raised, routed, moved through its lifecycle and
// told after.

export {
  ALERT_STATUSES,
  type Alert,
  claimStaleBefore,
  parseAlertMessage,
  SEVERITIES,
} from "./alert";
export {
  type AlertQuery,
  alertsNamingDetections,
  listAlerts,
  UNFINISHED_CHUNK,
  unfinishedAlerts,
} from "./alert-queries";
export { catchUpLifecycle, catchUpLifecycles, logPastEventsTold } from "./catch-up";
export { type DetectionEvent, tellLifecycle } from "./lifecycle";
export { alertUrl, consoleAddressKnown } from "./link";
export {
  type AlertSummary,
  alertForDetection,
  alertSummary,
  raiseAlert,
  raiseDetectionAlerts,
  storedAlertIds,
} from "./raise";
export {
  alertsAmong,
  alertsRead,
  getAlert,
  getAlerts,
  type KnownAlerts,
  markAlertOnce,
  markRedriven,
  moveAlert,
  putAlertIfNew,
  releaseClaim,
  repointAlert,
} from "./repository";
export { expiryOnFinish } from "./retention";
export { routeAlerts } from "./route";
