// The alert field that records each lifecycle event as sent: written once by whichever sender told it
// first (the KinesisConsumer, or the catch-up when the alert is published or approved), read by whoever
// counts what was told (the local run's summary).

export const SENT_AT = { breakout: "breakoutSentAt", resolved: "resolvedSentAt" } as const;
