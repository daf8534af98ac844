// The evidence per code as a table sortable by each figure, every row with its plain-words summary. A rate
// comes with the count behind it and its interval, and says when that count is too few.
import {
  EXPECTED_DIRECTION,
  liftInterval,
  MIN_SAMPLE,
  NO_INTERVAL,
  PATTERN_NAMES,
} from "@stock-patterns/core/vocabulary";
import { useState } from "react";
import type { EvidenceFigures } from "../api/types";
import { EvidenceSummary } from "../evidence/EvidenceSummary";
import { EDGE_HORIZON } from "../evidence/evidenceWords";
import { formatCount, formatPercent, formatPoints, formatReturn } from "../ui/format";
import { DEFAULT_SORT, nextSort, type StatsSort, type StatsSortKey, sortEvidence } from "./statsSort";

const COLUMNS: { key: StatsSortKey; label: string }[] = [
  { key: "pattern", label: "Pattern" },
  { key: "detections", label: "Detections" },
  { key: "successRate", label: "Success rate" },
  { key: "meanReturn", label: `Mean ${EDGE_HORIZON}-bar return` },
  { key: "lift", label: `Lift (${EDGE_HORIZON} bars)` },
];

function SortHeader(props: {
  column: (typeof COLUMNS)[number];
  sort: StatsSort;
  onSort: (key: StatsSortKey) => void;
}) {
  const { column, sort, onSort } = props;
  const current = sort.key === column.key;
  return (
    <th scope="col" aria-sort={current ? sort.order : "none"}>
      <button type="button" className="sort" onClick={() => onSort(column.key)}>
        {column.label}
        <span aria-hidden="true">{current ? (sort.order === "ascending" ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );
}

/** ", too few" after a figure counted over fewer than MIN_SAMPLE: it means nothing yet, whatever it says. */
const tooFew = (n: number) => (n < MIN_SAMPLE ? ", too few" : "");

/** The lift with its 95% interval as the edge verdict reads it (marked when widened), or why it has none; "—" without a lift. */
function liftCell(evidence: EvidenceFigures): string {
  const horizon = evidence.horizons[EDGE_HORIZON];
  const direction = EXPECTED_DIRECTION[evidence.pattern];
  if (horizon?.lift == null || !direction) return "—";
  const interval = liftInterval(horizon, direction);
  const bound = (x: number) => formatPoints(x).replace(" points", "");
  // "widened" only marks it here; the row's words (the edge verdict) say why.
  const likely = interval.bounds
    ? `, likely between ${bound(interval.bounds[0])} and ${bound(interval.bounds[1])}${interval.widened ? " (widened)" : ""}`
    : `, no interval (${NO_INTERVAL[interval.reason]})`;
  return `${formatPoints(horizon.lift)}${likely}${tooFew(horizon.returns.n)}`;
}

function Row({ evidence, where }: { evidence: EvidenceFigures; where: string }) {
  const horizon = evidence.horizons[EDGE_HORIZON];
  const { successRate, successInterval } = evidence;
  return (
    <tr data-pattern={evidence.pattern}>
      <th scope="row" data-label="Pattern">
        {PATTERN_NAMES[evidence.pattern]} ({evidence.pattern})
      </th>
      <td data-label="Detections">
        {formatCount(evidence.detections)} ({formatCount(evidence.resolved)} resolved)
      </td>
      <td data-label="Success rate">
        {successRate === null
          ? "—"
          : `${formatPercent(successRate)}${successInterval ? ` (${formatPercent(successInterval[0])}–${formatPercent(successInterval[1])})` : ""}${tooFew(evidence.resolved)}`}
      </td>
      <td data-label={`Mean ${EDGE_HORIZON}-bar return`}>
        {horizon?.returns.mean == null
          ? "—"
          : `${formatReturn(horizon.returns.mean)} over ${formatCount(horizon.returns.n)}`}
        {horizon?.baseline.mean != null && (
          <span className="hint"> (any bar {formatReturn(horizon.baseline.mean)})</span>
        )}
      </td>
      <td data-label={`Lift (${EDGE_HORIZON} bars)`}>{liftCell(evidence)}</td>
      <td data-label="In words">
        <EvidenceSummary evidence={evidence} where={where} />
      </td>
    </tr>
  );
}

/** `where` names whose history the rows are ("on SPX", "on all symbols"); `caption` says the same for the table. */
export function StatsTable(props: { rows: readonly EvidenceFigures[]; where: string; caption: string }) {
  const [sort, setSort] = useState<StatsSort>(DEFAULT_SORT);
  return (
    <table className="stats-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <SortHeader
              key={column.key}
              column={column}
              sort={sort}
              onSort={(key) => setSort(nextSort(sort, key))}
            />
          ))}
          <th scope="col">In words</th>
        </tr>
      </thead>
      <tbody>
        {sortEvidence(props.rows, sort).map((evidence) => (
          <Row key={evidence.pattern} evidence={evidence} where={props.where} />
        ))}
      </tbody>
    </table>
  );
}
