// The Statistics page (#/stats?symbol&interval&pattern&asOf): the evidence per code, sortable, in words.
import { useCallback, useState } from "react";
import { ApiError } from "../api/problem";
import { routeHash, type StatsQuery } from "../app/routes";
import { navigate } from "../app/useRoute";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { formatBarTime, formatCount, formatTime } from "../ui/format";
import { useLoad } from "../ui/useLoad";
import { asOfGap } from "./asOfWords";
import { StatsForm } from "./StatsForm";
import { StatsTable } from "./StatsTable";
import { getStats, type StatsAnswer } from "./statsApi";

/** "on SPX" or "on all symbols": whose history the figures are. */
export function statsWhere(query: StatsQuery): string {
  return query.symbol ? `on ${query.symbol}` : "on all symbols";
}

/**
 * What the Statistics page's live region says of an answer: how many patterns have figures, for whom.
 * @example statsSummary(12, "on NDX", "1d") // "12 patterns on NDX (1d)."
 */
export function statsSummary(patterns: number, where: string, interval: string): string {
  if (patterns === 0) return `No detections ${where} (${interval}) yet.`;
  return `${patterns} ${patterns === 1 ? "pattern" : "patterns"} ${where} (${interval}).`;
}

/** "4 min 10 s" from seconds. */
function age(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** Which bars the figures count, and how old they are (pooled figures are counted ahead, not per request). */
function Freshness({ answer }: { answer: StatsAnswer }) {
  const counted = `counted ${formatTime(answer.computedAt)}, ${age(answer.ageSeconds)} before this answer`;
  return (
    <p className="hint" data-testid="stats-freshness">
      {answer.symbol === null
        ? answer.pooledFrom
          ? `Pooled over ${formatCount(answer.series)} of ${formatCount(answer.pooledFrom.listed)} series of ${answer.interval}, each up to its newest snapshot by ${answer.requestedAsOf}: bars from ${formatBarTime(answer.pooledFrom.oldestAsOf, answer.interval)} to ${formatBarTime(answer.pooledFrom.newestAsOf, answer.interval)}; ${counted}.`
          : `Pooled over ${formatCount(answer.series)} series of ${answer.interval}, each up to its newest bar; ${counted}.`
        : `${answer.symbol} (${answer.interval}) up to the bar at ${formatBarTime(answer.asOf ?? undefined, answer.interval)}; ${counted}.`}
    </p>
  );
}

/** The figures for one question; a new question mounts anew, so no answer shows under another's caption. */
function StatsFigures({ query: given }: { query: StatsQuery }) {
  const { apiKey } = useSignedIn();
  // Mounted under its question's key, the figures keep one question object for life: the route's is new at
  // each reading of the address, and a new one asked again (the navigation's link from #/stats, the same
  // question in other words, read GET /stats twice).
  const [query] = useState(given);
  const load = useCallback((signal: AbortSignal) => getStats(apiKey, query, signal), [apiKey, query]);
  const { data, error, loading, retry } = useLoad(load);
  useAuthGuard(error);
  const where = statsWhere(query);
  // The API's 404: no figures for this question, which is an answer to say, not an error to retry.
  const none = error instanceof ApiError && error.status === 404;
  const said = none
    ? `The API has no figures for this: ${error.detail ?? "nothing counted for this question"}.`
    : data && !loading
      ? statsSummary(data.evidence.length, where, query.interval)
      : "";
  // The symbol the API says was likely meant (its problem's `meant`): the same question of that symbol.
  const meant = none && typeof error.body.meant === "string" ? error.body.meant : undefined;
  const gap = data && asOfGap(data);
  return (
    <>
      {error !== undefined && !none && <ErrorNotice error={error} onRetry={retry} />}
      {/* In the page, empty, before the answer's words arrive, so that a screen reader says them (the no-figures
          notice too); the table stays out of it (a live region round it read every row). */}
      <p role="status" data-testid={none ? "stats-none" : undefined}>
        {said}
        {meant && (
          <>
            {" "}
            <a href={routeHash({ page: "stats", query: { ...query, symbol: meant } })}>
              Show the statistics of {meant}
            </a>
            .
          </>
        )}
      </p>
      <div aria-busy={loading}>
        {data && data.evidence.length > 0 && (
          <>
            {gap && (
              <p className="notice" data-testid="stats-as-of">
                {gap}
              </p>
            )}
            <Freshness answer={data} />
            <StatsTable
              rows={data.evidence}
              where={where}
              symbols={data.symbol === null ? data.series : 1}
              caption={`Evidence per pattern ${where} (${query.interval})`}
            />
          </>
        )}
      </div>
    </>
  );
}

/** The page: the question (kept in the address) and its figures. */
export function StatsPage({ query }: { query: StatsQuery }) {
  const question = routeHash({ page: "stats", query });
  return (
    <section aria-labelledby="stats-heading">
      <h1 id="stats-heading">Statistics</h1>
      <p className="hint">
        How past detections ended and what the price did next, per pattern (see the{" "}
        <a href={routeHash({ page: "alerts", filters: {} })}>alert history</a> for single alerts).
      </p>
      <StatsForm
        key={`form ${question}`}
        query={query}
        onAsk={(asked) => navigate({ page: "stats", query: asked })}
      />
      <StatsFigures key={`figures ${question}`} query={query} />
    </section>
  );
}
