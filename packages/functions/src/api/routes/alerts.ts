// /alerts: raised alerts, newest first, filtered by status, severity or symbol; one alert with its detection.

import { Hono } from "hono";
import { z } from "zod";
import { ALERT_STATUSES, SEVERITIES } from "../../alerts/alert";
import { getAlert, listAlerts } from "../../alerts/repository";
import { getPattern } from "../../analysis/repository";
import { symbolSchema } from "../../analysis/series";
import { type ApiVariables, requireRole } from "../auth";
import { pageQuery } from "../page-query";
import { ProblemError } from "../problem";
import { validate } from "../validation";

const querySchema = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  symbol: symbolSchema.optional(),
  ...pageQuery,
});

export const alerts = new Hono<{ Variables: ApiVariables }>();

alerts.get("/", requireRole("reader"), validate("query", querySchema), async (c) => {
  return c.json(await listAlerts(c.req.valid("query")));
});

const idSchema = z.object({ alertId: z.string().regex(/^alr_[A-Za-z0-9_]{1,64}$/, "not an alert id") });

/**
 * One alert; a pattern alert comes with its detection (extrema, name, the bars it was found on) and the
 * detection's outcome so far, as the stream last moved it.
 */
alerts.get("/:alertId", requireRole("reader"), validate("param", idSchema), async (c) => {
  const alert = await getAlert(c.req.valid("param").alertId);
  if (!alert) throw new ProblemError(404, "Not found", "no alert has this id");
  const pattern = alert.patternId ? await getPattern(alert.patternId) : undefined;
  if (!pattern) return c.json(alert);
  const { pattern: code, start, end, detectedAt, extrema, confidence, name, bars } = pattern;
  return c.json({
    ...alert,
    detection: { pattern: code, start, end, detectedAt, extrema, confidence },
    patternName: name,
    bars,
    outcome: pattern.outcome,
    outcomeAsOf: pattern.outcomeAsOf,
  });
});
