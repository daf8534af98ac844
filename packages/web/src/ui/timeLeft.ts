// How long an approval still waits before it expires, in words an approver reads at a glance.

/** Time left before `expiresAt`, in whole seconds (0 once expired; NaN-safe). */
export function secondsLeft(expiresAt: string, now: number): number {
  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return 0;
  return Math.max(0, Math.floor((end - now) / 1000));
}

/**
 * Formats seconds as "59 min 5 s", "42 s" or "expired".
 * @example formatTimeLeft(3545) // "59 min 5 s"
 */
export function formatTimeLeft(seconds: number): string {
  if (seconds <= 0) return "expired";
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${rest} s`;
}

/** How pressing the wait is, for colouring: under 5 minutes is urgent. */
export function urgency(seconds: number): "expired" | "urgent" | "normal" {
  if (seconds <= 0) return "expired";
  return seconds < 300 ? "urgent" : "normal";
}
