// A clock for countdowns: the API's time (api/serverClock.ts), re-rendering its user every second.
import { useEffect, useState } from "react";
import { compareClocks, serverNow } from "../api/serverClock";

/** The current time on the API's clock in ms, updated every `everyMs` and once the clocks are compared. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    let mounted = true;
    void compareClocks().then(() => {
      if (mounted) setNow(serverNow());
    });
    const timer = window.setInterval(() => setNow(serverNow()), everyMs);
    return () => {
      mounted = false;
      window.clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}
