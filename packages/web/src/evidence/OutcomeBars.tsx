// A small bar chart of how past detections of the code ended: one bar per status, open ones last.
import { RESOLVED_STATUSES } from "@stock-patterns/core/vocabulary";
import type { EvidenceFigures, OutcomeStatus } from "../api/types";
import { formatCount } from "../ui/format";

const BAR_WIDTH = 44;
const GAP = 12;
const HEIGHT = 90;
const LABEL = 16;

/** The count of each status: the resolved ones, then those still open. */
export function outcomeCounts(evidence: EvidenceFigures): { status: OutcomeStatus; count: number }[] {
  return [
    ...RESOLVED_STATUSES.map((status) => ({ status, count: evidence.status[status] ?? 0 })),
    { status: "open" as const, count: Math.max(0, evidence.detections - evidence.resolved) },
  ];
}

/** The bars, labelled with status and count; the whole chart is described for screen readers. */
export function OutcomeBars({ evidence }: { evidence: EvidenceFigures }) {
  const counts = outcomeCounts(evidence);
  const most = Math.max(1, ...counts.map(({ count }) => count));
  const width = counts.length * (BAR_WIDTH + GAP);
  const described = counts.map(({ status, count }) => `${formatCount(count)} ${status}`).join(", ");
  return (
    <svg
      className="outcome-bars"
      viewBox={`0 0 ${width} ${HEIGHT + 2 * LABEL}`}
      role="img"
      aria-label={`How past detections ended: ${described}`}
      data-testid="outcome-bars"
    >
      {counts.map(({ status, count }, index) => {
        const height = (count / most) * HEIGHT;
        const x = index * (BAR_WIDTH + GAP) + GAP / 2;
        return (
          <g key={status} className={`outcome-${status}`} data-status={status} data-count={count}>
            <rect x={x} y={LABEL + HEIGHT - height} width={BAR_WIDTH} height={height} />
            <text x={x + BAR_WIDTH / 2} y={LABEL + HEIGHT - height - 4} textAnchor="middle">
              {formatCount(count)}
            </text>
            <text x={x + BAR_WIDTH / 2} y={HEIGHT + 2 * LABEL - 2} textAnchor="middle">
              {status}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
