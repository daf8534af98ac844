// A small bar chart of how past detections of the code ended: one bar per status, open ones last. For a code
// that claims a direction the target bar is split by the breakout's way, since only the part in the claimed
// direction counts as a success (PATTERNS.md "Outcomes"), the count the sentence above the chart gives.
import { EXPECTED_DIRECTION, RESOLVED_STATUSES } from "@stock-patterns/core/vocabulary";
import type { Direction, EvidenceFigures, OutcomeStatus } from "../api/types";
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

const opposite = (direction: Direction): Direction => (direction === "up" ? "down" : "up");

/** One part of the target bar: the targets reached after a breakout one way. */
export interface TargetPart {
  direction: Direction;
  claimed: boolean;
  count: number;
}

/**
 * The targets reached, split by the breakout's way, for a code that claims a direction (undefined for one
 * that claims none, whose every target is a success): the claimed part is `succeeded`, the rest broke out
 * the other way. Parts with no target are left out.
 * @example targetParts(hs) // [{ direction: "down", claimed: true, count: 2 }, { direction: "up", claimed: false, count: 1 }]
 */
export function targetParts(evidence: EvidenceFigures): TargetPart[] | undefined {
  const direction = EXPECTED_DIRECTION[evidence.pattern];
  if (!direction) return undefined;
  const target = evidence.status.target ?? 0;
  return [
    { direction, claimed: true, count: evidence.succeeded },
    { direction: opposite(direction), claimed: false, count: target - evidence.succeeded },
  ].filter(({ count }) => count > 0) satisfies TargetPart[];
}

/** The target bar's parts for screen readers: " (2 after a breakout down, the pattern's direction; 1 up, against it)". */
function partsDescribed(parts: TargetPart[] | undefined): string {
  if (!parts?.length) return "";
  const said = parts.map(({ direction, claimed, count }) =>
    claimed
      ? `${formatCount(count)} after a breakout ${direction}, the pattern's direction`
      : `${formatCount(count)} ${direction}, against it`,
  );
  return ` (${said.join("; ")})`;
}

/**
 * Under the chart, for a code that claims a direction: why its target bar may count more than the sentence's
 * successes. Undefined when no target was reached, or the code claims no direction (the two counts are one).
 */
export function targetWords(evidence: EvidenceFigures): string | undefined {
  const direction = EXPECTED_DIRECTION[evidence.pattern];
  const target = evidence.status.target ?? 0;
  if (!direction || target === 0) return undefined;
  const against = target - evidence.succeeded;
  const claimed = `${direction}, the pattern's direction`;
  return against === 0
    ? `Every target reached (${formatCount(target)}) broke out ${claimed}: the target bar's count is the successes above.`
    : `The target bar counts every target reached, whichever way the breakout went: ${formatCount(target)}, of which ${formatCount(evidence.succeeded)} broke out ${claimed} (the successes above), and ${formatCount(against)} broke out ${opposite(direction)}, against it.`;
}

/** One bar: a single rectangle, or for the target bar of a directional code its parts stacked, the claimed one below. */
function Bar(props: { x: number; count: number; most: number; parts?: TargetPart[] }) {
  const { x, count, most, parts } = props;
  if (!parts?.length) {
    const height = (count / most) * HEIGHT;
    return <rect x={x} y={LABEL + HEIGHT - height} width={BAR_WIDTH} height={height} />;
  }
  let below = 0;
  return parts.map(({ direction, claimed, count: part }) => {
    const height = (part / most) * HEIGHT;
    below += height;
    return (
      <rect
        key={direction}
        className={claimed ? "claimed" : "against"}
        data-direction={direction}
        data-claimed={claimed}
        data-count={part}
        x={x}
        y={LABEL + HEIGHT - below}
        width={BAR_WIDTH}
        height={height}
      />
    );
  });
}

/** The bars, labelled with status and count; the whole chart is described for screen readers. */
export function OutcomeBars({ evidence }: { evidence: EvidenceFigures }) {
  const counts = outcomeCounts(evidence);
  const parts = targetParts(evidence);
  const most = Math.max(1, ...counts.map(({ count }) => count));
  const width = counts.length * (BAR_WIDTH + GAP);
  const described = counts
    .map(
      ({ status, count }) =>
        `${formatCount(count)} ${status}${status === "target" ? partsDescribed(parts) : ""}`,
    )
    .join(", ");
  const words = targetWords(evidence);
  return (
    <>
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
              <Bar x={x} count={count} most={most} parts={status === "target" ? parts : undefined} />
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
      {words && (
        <p className="hint" data-evidence="targets">
          {words}
        </p>
      )}
    </>
  );
}
