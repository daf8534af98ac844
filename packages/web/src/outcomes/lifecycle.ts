// A detection's life after the alert (PATTERNS.md "Outcomes"): detected, broke out, resolved, each with
// its time and what it means, in the words an approver reads at a glance.
import { BREAKOUT_BARS, EXPECTED_DIRECTION, RESOLUTION_BARS } from "@stock-patterns/core/vocabulary";
import type { Outcome, PatternCode } from "../api/types";
import { formatPrice } from "../ui/format";

export type LifecycleStepName = "detected" | "breakout" | "resolved";

/** One step: done (with its time), still to come, or never to come (a detection that expired). */
export interface LifecycleStep {
  step: LifecycleStepName;
  state: "done" | "waiting" | "skipped";
  time?: string;
  words: string;
}

function breakoutStep(code: PatternCode, outcome: Outcome): LifecycleStep {
  const { breakout, ceiling, floor, target } = outcome;
  if (!breakout) {
    return outcome.status === "expired"
      ? { step: "breakout", state: "skipped", words: `No breakout within ${BREAKOUT_BARS} bars.` }
      : {
          step: "breakout",
          state: "waiting",
          words: `Waiting for a close above ${formatPrice(ceiling)} or below ${formatPrice(floor)} (up to ${BREAKOUT_BARS} bars after detection).`,
        };
  }
  const side =
    breakout.direction === "up"
      ? `above the ceiling ${formatPrice(ceiling)}`
      : `below the floor ${formatPrice(floor)}`;
  const expected = EXPECTED_DIRECTION[code];
  const claim =
    expected === undefined
      ? ""
      : expected === breakout.direction
        ? ", as the pattern claims"
        : ", against the pattern's claim";
  const aim = target === null ? "" : ` Target ${formatPrice(target)}.`;
  return { step: "breakout", state: "done", time: breakout.time, words: `Closed ${side}${claim}.${aim}` };
}

function resolvedWords(outcome: Outcome): string {
  const { status, breakout, target, ceiling, floor } = outcome;
  switch (status) {
    case "target":
      return `Reached the target${target === null ? "" : ` ${formatPrice(target)}`}.`;
    case "failed":
      return breakout?.direction === "down"
        ? `Failed: closed back above the ceiling ${formatPrice(ceiling)}.`
        : `Failed: closed back below the floor ${formatPrice(floor)}.`;
    case "stalled":
      return `Stalled: neither the target nor a failure within ${RESOLUTION_BARS} bars of the breakout.`;
    case "expired":
      return `Expired: no breakout within ${BREAKOUT_BARS} bars.`;
    case "open":
      return breakout
        ? `Open: the target or a failure within ${RESOLUTION_BARS} bars of the breakout decides.`
        : "Open: not decided yet.";
  }
}

/**
 * The three steps of a detection's life, in order.
 * @example lifecycleSteps("HS", "2000-03-24", outcome).map((s) => s.state) // ["done", "done", "waiting"]
 */
export function lifecycleSteps(code: PatternCode, detectedAt: string, outcome: Outcome): LifecycleStep[] {
  return [
    {
      step: "detected",
      state: "done",
      time: detectedAt,
      words: `Range ${formatPrice(outcome.floor)} to ${formatPrice(outcome.ceiling)}.`,
    },
    breakoutStep(code, outcome),
    {
      step: "resolved",
      state: outcome.status === "open" ? "waiting" : "done",
      time: outcome.resolvedAt ?? undefined,
      words: resolvedWords(outcome),
    },
  ];
}

/** Whether a followed outcome can still change (the page keeps refreshing while it can). */
export function isLive(outcome: Outcome | undefined): boolean {
  return outcome?.status === "open";
}
