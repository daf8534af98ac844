// /stats: the evidence per pattern code for one series as of a time, or pooled over every symbol of an
// interval: now (counted on the 5-minute schedule, so up to that old; the answer says how old), or as of a
// past time (each series' snapshot then, pooled on request; the answer says what it is made of).

import { tallyEvidence } from "@stock-patterns/core";
import { EVIDENCE_RETENTION } from "@stock-patterns/core/catalog";
import { queryTime, type Stats, statsQuerySchema } from "@stock-patterns/core/contracts";
import { Hono } from "hono";
import {
  type EvidenceSnapshot,
  oldestSeriesSnapshot,
  type PooledFrom,
  pooledAsOf,
  pooledSnapshot,
  seriesSnapshot,
} from "#evidence";
import { type ApiVariables, requireRole } from "../auth";
import { ProblemError } from "../problem";
import { unseenSeries } from "../symbol-meant";
import { validate } from "../validation";

export const stats = new Hono<{ Variables: ApiVariables }>();

/** Why an asOf too far back finds nothing. */
const KEPT = `a series' snapshots are kept ${EVIDENCE_RETENTION.seriesSeconds / 86_400} days after the stream counts them`;

function answer(
  snapshot: EvidenceSnapshot,
  query: { symbol?: string; interval: string; pattern?: string; asOf?: string },
  now: Date,
  pooledFrom?: PooledFrom,
): Stats {
  const evidence = tallyEvidence(snapshot.tally).filter((e) => !query.pattern || e.pattern === query.pattern);
  return {
    symbol: query.symbol ?? null,
    interval: query.interval,
    asOf: query.symbol ? snapshot.asOf : null,
    ...(query.asOf === undefined ? {} : { requestedAsOf: query.asOf }),
    computedAt: snapshot.computedAt,
    ageSeconds: Math.max(0, (now.getTime() - Date.parse(snapshot.computedAt)) / 1000),
    series: snapshot.series,
    ...(pooledFrom ? { pooledFrom } : {}),
    evidence,
  };
}

stats.get("/", requireRole("reader"), validate("query", statsQuerySchema), async (c) => {
  const query = c.req.valid("query");
  const now = new Date();
  // Read as the schema checked it (core's queryTime: a year or a month is its first instant), kept as sent
  // for the answer's requestedAsOf.
  const read = query.asOf === undefined ? undefined : queryTime(query.asOf);
  const asOf = read !== undefined && "time" in read ? read.time : undefined;
  if (query.asOf !== undefined && asOf === undefined) {
    const message = "must be an ISO date, datetime, year, month or epoch number";
    throw new ProblemError(400, "Invalid request", `asOf ${message}`, {
      errors: [{ path: "query.asOf", message }],
    });
  }
  if (!query.symbol && asOf !== undefined) {
    const pooled = await pooledAsOf(query.interval, asOf, now);
    if (pooled.found === "unlisted")
      throw new ProblemError(
        404,
        "Not found",
        `no series of interval ${query.interval} listed yet: they are listed every 5 minutes from the streamed series`,
      );
    if (pooled.found === "none")
      throw new ProblemError(
        404,
        "Not found",
        `no evidence for any of the ${pooled.listed} series of interval ${query.interval} at or before ${asOf}: ${KEPT}`,
      );
    return c.json(answer(pooled.snapshot, query, now, pooled.from));
  }
  if (!query.symbol) {
    const pooled = await pooledSnapshot(query.interval);
    if (!pooled)
      throw new ProblemError(
        404,
        "Not found",
        `no evidence pooled for interval ${query.interval} yet: it is counted every 5 minutes from the streamed series`,
      );
    return c.json(answer(pooled, query, now));
  }
  const snapshot = await seriesSnapshot(query.symbol, query.interval, asOf, now);
  if (snapshot) return c.json(answer(snapshot, query, now));
  const oldest = asOf ? await oldestSeriesSnapshot(query.symbol, query.interval, now) : undefined;
  const series = `${query.symbol} ${query.interval}`;
  if (oldest)
    throw new ProblemError(
      404,
      "Not found",
      `no evidence for ${series} at or before ${asOf}: the oldest kept is as of ${oldest.asOf}; ${KEPT}`,
    );
  throw await unseenSeries(
    query.symbol,
    query.interval,
    `no evidence for ${series}${asOf ? ` at or before ${asOf}` : ""}: the stream has not counted that series${asOf ? ` by then, or ${KEPT}` : ""}`,
  );
});
