/**
 * Heavy work after an ack runs here, one job at a time, each started from setImmediate so that
 * acknowledgements and other I/O waiting in the event loop go first. Bounded: when too many answers
 * are waiting, new ones are refused quickly instead of making everyone wait.
 */
export class QueueFullError extends Error {
  constructor() {
    super('too many requests are waiting for an answer');
    this.name = 'QueueFullError';
  }
}

export class WorkQueue {
  private running = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly maxWaiting = 500) {}

  get size(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  run<T>(job: () => Promise<T> | T): Promise<T> {
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new QueueFullError());
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        Promise.resolve()
          .then(job)
          .then(resolve, reject)
          .finally(() => {
            this.running = false;
            this.next();
          });
      });
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const start = this.waiting.shift();
    if (!start) return;
    this.running = true;
    setImmediate(start);
  }
}
