// What every local event source shares: a handle to stop it, and a way to tell the runner what went wrong.

/** Something an event source wants the person running the system to know. */
export interface PollerReport {
  source: string;
  functionName: string;
  message: string;
  /** For discarded or dead-lettered input: the raw items set aside. */
  items?: string[];
}

/** A running event source. */
export interface Poller {
  /** Stop polling; resolves once the batch in flight (if any) is finished. */
  stop(): Promise<void>;
}
