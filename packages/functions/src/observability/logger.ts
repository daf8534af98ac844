// One structured JSON logger for every handler, so log lines share the service name and correlation ids.

import { Logger } from "@aws-lambda-powertools/logger";

/** The shared Powertools logger (service name from POWERTOOLS_SERVICE_NAME). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "stock-patterns" });
