// The evidence per code as a table sortable by each figure, every row with its plain-words summary. A rate or
// a mean comes with the count behind it, a rate with its interval, and says when that count is too few; pooled
// over several symbols, the lift's interval is said to be too narrow.
import {
  ASSUMES_INDEPENDENT,
  EXPECTED_DIRECTION,
  liftInterval,
  MIN_SAMPLE,
  NO_INTERVAL,
  PATTERN_NAMES,
} from "@stock-patterns/core/vocabulary";
import { useId, useState } from "react";
import type { EvidenceFigures } from "../api/types";
import { EvidenceSummary } from "../evidence/EvidenceSummary";
import { EDGE_HORIZON } from "../evidence/evidenceWords";
import { formatCount, formatPercent, formatPoints, formatReturn } from "../ui/format";
import { DEFAULT_SORT, nextSort, type StatsSort, type StatsSortKey, sortEvidence } from "./statsSort";

const COLUMNS: { key: StatsSortKey; label: string }[] = [
  { key: "pattern", label: "Pattern" },
  { key: "detections", label: "Detections" },
  // A success is a target after a breakout the pattern's way, any way for a code that claims none (PATTERNS.md
  // "Outcomes"); the rows mix both kinds, and the evidence card's target bar counts targets either way.
  { key: "successRate", label: "Success rate (target after a breakout in the pattern's direction)" },
  { key: "meanReturn", label: `Mean ${EDGE_HORIZON}-bar return` },
  { key: "lift", label: `Lift (${EDGE_HORIZON} bars)` },
];

/** A column's heading, which at phone width labels each of its cells too. */
const labelOf = (key: StatsSortKey) => COLUMNS.find((column) => column.key === key)?.label;

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

/** The lift's 10-bar interval as the edge verdict reads it, for codes that claim a direction and have a lift. */
function liftIntervalOf(evidence: EvidenceFigures) {
  const horizon = evidence.horizons[EDGE_HORIZON];
  const direction = EXPECTED_DIRECTION[evidence.pattern];
  return horizon?.lift == null || !direction ? undefined : liftInterval(horizon, direction);
}

/**
 * The lift with its 95% interval as the edge verdict reads it (marked when widened, and "too narrow" over
 * several symbols), or why it has none; "—" without a lift.
 */
function liftCell(evidence: EvidenceFigures, pooled: boolean): string {
  const horizon = evidence.horizons[EDGE_HORIZON];
  const interval = liftIntervalOf(evidence);
  if (horizon?.lift == null || !interval) return "—";
  const bound = (x: number) => formatPoints(x).replace(" points", "");
  // The marks only mark it here; the row's words (the edge verdict) and the note under the table say why.
  const marks = [interval.bounds && interval.widened && "widened", pooled && "too narrow"].filter(Boolean);
  const likely = interval.bounds
    ? `, likely between ${bound(interval.bounds[0])} and ${bound(interval.bounds[1])}${marks.length ? ` (${marks.join("; ")})` : ""}`
    : `, no interval (${NO_INTERVAL[interval.reason]})`;
  return `${formatPoints(horizon.lift)}${likely}${tooFew(horizon.returns.n)}`;
}

function Row({ evidence, where, symbols }: { evidence: EvidenceFigures; where: string; symbols: number }) {
  const horizon = evidence.horizons[EDGE_HORIZON];
  const { successRate, successInterval } = evidence;
  return (
    <tr data-pattern={evidence.pattern}>
      <th scope="row" data-label={labelOf("pattern")}>
        {PATTERN_NAMES[evidence.pattern]} ({evidence.pattern})
      </th>
      <td data-label={labelOf("detections")}>
        {formatCount(evidence.detections)} ({formatCount(evidence.resolved)} resolved)
      </td>
      <td data-label={labelOf("successRate")}>
        {successRate === null
          ? "—"
          : `${formatPercent(successRate)} of ${formatCount(evidence.resolved)}${successInterval ? ` (${formatPercent(successInterval[0])}–${formatPercent(successInterval[1])})` : ""}${tooFew(evidence.resolved)}`}
      </td>
      <td data-label={labelOf("meanReturn")}>
        {horizon?.returns.mean == null
          ? "—"
          : `${formatReturn(horizon.returns.mean)} over ${formatCount(horizon.returns.n)}`}
        {horizon?.baseline.mean != null && (
          <span className="hint">
            {" "}
            (any bar {formatReturn(horizon.baseline.mean)} over {formatCount(horizon.baseline.n)})
          </span>
        )}
      </td>
      <td data-label={labelOf("lift")}>{liftCell(evidence, symbols > 1)}</td>
      <td data-label="In words">
        <EvidenceSummary evidence={evidence} where={where} symbols={symbols} />
      </td>
    </tr>
  );
}

/**
 * `where` names whose history the rows are ("on SPX", "on all symbols"); `caption` says the same for the
 * table; `symbols` how many it pools (1 by default): over more than one, each lift's interval is marked too
 * narrow and a note under the table, which describes it, says why.
 */
export function StatsTable(props: {
  rows: readonly EvidenceFigures[];
  where: string;
  caption: string;
  symbols?: number;
}) {
  const [sort, setSort] = useState<StatsSort>(DEFAULT_SORT);
  const noteId = useId();
  const symbols = props.symbols ?? 1;
  const tooNarrow = symbols > 1 && props.rows.some((evidence) => liftIntervalOf(evidence)?.bounds);
  return (
    <>
      <table className="stats-table" aria-describedby={tooNarrow ? noteId : undefined}>
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
            <Row key={evidence.pattern} evidence={evidence} where={props.where} symbols={symbols} />
          ))}
        </tbody>
      </table>
      {tooNarrow && (
        <p className="hint" id={noteId} data-testid="stats-too-narrow">
          Too narrow: over {formatCount(symbols)} symbols the lift's interval {ASSUMES_INDEPENDENT}.
        </p>
      )}
    </>
  );
}
