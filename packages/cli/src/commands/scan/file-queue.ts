// The files of a scan shared between this thread and the workers: each takes the next when it is free, so
// this thread scans while the workers start and a busy core slows only the files it holds.

/**
 * The next file index to scan, handed out once each, in order.
 *
 * @example
 * const queue = new FileQueue(3);
 * queue.take(); // 0
 */
export class FileQueue {
  private next = 0;
  private readonly drained: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** The next file's index, or undefined when every file is taken (then those waiting for it are told). */
  take(): number | undefined {
    if (this.next < this.size) return this.next++;
    for (const told of this.drained.splice(0)) told();
    return undefined;
  }

  /** Whether every file is taken. */
  get empty(): boolean {
    return this.next >= this.size;
  }

  /** Calls `told` once a take finds the queue empty (at once if it is). */
  whenEmpty(told: () => void): void {
    if (this.empty) told();
    else this.drained.push(told);
  }
}
