// The alerts feature's face (#alerts): an alert as stored, raised, routed, moved through its lifecycle and
// told after.

export {
  ALERT_STATUSES,
  type Alert,
  claimStaleBefore,
  parseAlertMessage,
  SEVERITIES,
} from "./alert";
export { catchUpLifecycle, type DetectionEvent, tellLifecycle } from "./lifecycle";
export { alertUrl, consoleAddressKnown } from "./link";
export { type AlertSummary, raiseAlert, raiseDetectionAlerts, storedAlertIds } from "./raise";
export {
  alertsAmong,
  alertsNamingDetections,
  alertsRead,
  getAlert,
  type KnownAlerts,
  listAlerts,
  markAlertOnce,
  markRedriven,
  moveAlert,
  putAlertIfNew,
  releaseClaim,
  repointAlert,
  unfinishedAlerts,
} from "./repository";
export { routeAlerts } from "./route";
