// The alert field that records each lifecycle event as sent: written once by the one sender (the
// KinesisConsumer), read by whoever counts what was told (the local run's summary).

export const SENT_AT = { breakout: "breakoutSentAt", resolved: "resolvedSentAt" } as const;
