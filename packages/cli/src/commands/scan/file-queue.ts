// The files of a scan shared between this thread and the workers: each takes the next when it is free, so
// this thread scans while the workers start and a busy core slows only the files it holds. The next index
// is in shared memory: a worker takes its files itself, not waiting for this thread (busy with a file of its
// own) to send it one, so none holds files it has not started when the others run out.

/**
 * The next file index to scan, handed out once each, in order, to any thread that holds the queue (a
 * worker makes its own from the same `next`).
 *
 * @example
 * const queue = new FileQueue(3);
 * queue.take(); // 0
 * new FileQueue(queue.size, queue.next).take(); // 1 (in a worker given size and next)
 */
export class FileQueue {
  constructor(
    readonly size: number,
    /** [0]: the next index to hand out (past size: none left). */
    readonly next: Int32Array = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
  ) {}

  /** Hands out no more files, to any thread that shares the queue (those taken already are still done). */
  close(): void {
    Atomics.store(this.next, 0, this.size);
  }

  /** The next file's index, or undefined when every file is taken. */
  take(): number | undefined {
    const index = Atomics.add(this.next, 0, 1);
    return index < this.size ? index : undefined;
  }
}
