// /alerts: raised alerts, newest first, filtered by status, severity or symbol.

import { Hono } from "hono";
import { z } from "zod";
import { ALERT_STATUSES, SEVERITIES } from "../../domain/alert";
import { symbolSchema } from "../../domain/series";
import { listAlerts } from "../../repositories/alerts";
import { type ApiVariables, requireRole } from "../auth";
import { validate } from "../validation";

const querySchema = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  symbol: symbolSchema.optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const alerts = new Hono<{ Variables: ApiVariables }>();

alerts.get("/", requireRole("reader"), validate("query", querySchema), async (c) => {
  return c.json(await listAlerts(c.req.valid("query")));
});
