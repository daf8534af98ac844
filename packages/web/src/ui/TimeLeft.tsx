// A live countdown to an approval's expiry.
import { formatTimeLeft, secondsLeft, urgency } from "./timeLeft";
import { useNow } from "./useNow";

/** "Expires in 42 min 5 s", ticking every second, flagged when under five minutes. */
export function TimeLeft({ expiresAt }: { expiresAt: string }) {
  const now = useNow();
  const seconds = secondsLeft(expiresAt, now);
  const level = urgency(seconds);
  return (
    <time className={`time-left ${level}`} dateTime={expiresAt} title={`Expires at ${expiresAt}`}>
      {level === "expired" ? "Expired" : `${formatTimeLeft(seconds)} left`}
    </time>
  );
}
