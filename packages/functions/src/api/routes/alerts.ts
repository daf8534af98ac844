// /alerts: raised alerts, newest first, filtered by status, severity or symbol; one alert with its detection.

import { toAlertView } from "@stock-patterns/core";
import { alertIdPathSchema, alertsQuerySchema, noQuerySchema } from "@stock-patterns/core/contracts";
import { Hono } from "hono";
import { getAlert, listAlerts } from "#alerts";
import { getPattern } from "#analysis";
import { type ApiVariables, requireRole } from "../auth";
import { ProblemError } from "../problem";
import { validate } from "../validation";

export const alerts = new Hono<{ Variables: ApiVariables }>();

alerts.get("/", requireRole("reader"), validate("query", alertsQuerySchema), async (c) => {
  const page = await listAlerts(c.req.valid("query"));
  return c.json({ items: page.items.map(toAlertView), cursor: page.cursor });
});

/**
 * One alert; a pattern alert comes with its detection (extrema, name, the bars it was found on) and the
 * detection's outcome so far, as the stream last moved it.
 */
alerts.get(
  "/:alertId",
  requireRole("reader"),
  validate("param", alertIdPathSchema),
  validate("query", noQuerySchema),
  async (c) => {
    const stored = await getAlert(c.req.valid("param").alertId);
    if (!stored) throw new ProblemError(404, "Not found", "no alert has this id");
    const alert = toAlertView(stored);
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
  },
);
