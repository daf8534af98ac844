// EventBridge schedule expressions for the app's timers. EventBridge wants the unit singular for a value of
// 1 and plural above, and refuses `rate(1 minutes)` when the rule is created:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html

/**
 * A schedule that fires every `minutes` minutes (a whole number, at least 1).
 * @example
 * everyMinutes(5) // "rate(5 minutes)"
 * everyMinutes(1) // "rate(1 minute)"
 */
export function everyMinutes(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new Error(`A schedule runs every 1 or more whole minutes, not ${minutes}`);
  }
  return `rate(${minutes} ${minutes === 1 ? "minute" : "minutes"})`;
}
