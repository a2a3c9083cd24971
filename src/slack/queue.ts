/**
 * Heavy work after an ack runs here, one job at a time, each started from setImmediate so that
 * acknowledgements and other I/O waiting in the event loop go first.
 *
 * Fair: each user has a line of their own and the lines are served in turn (round robin), so one user's
 * 700 questions delay another user's by at most one answer each round, never by 700.
 * Bounded by expected wait, not length: a new job is refused when, served in turn, it would wait longer than
 * `maxWaitMs` (the average job time measured so far times the jobs that would run before it). A flooding
 * user's own backlog makes their own wait long, so they are the one refused; the refusal says when to retry.
 */
export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many requests are waiting for an answer; retry in ${retryAfterSeconds} s`);
    this.name = 'QueueFullError';
  }
}

export interface QueueOptions {
  /** Longest expected wait accepted for a new job (default 20 s). */
  maxWaitMs?: number;
  /** Hard bound on jobs waiting, whatever their expected wait (memory), default 5,000. */
  maxWaiting?: number;
  /** What a job is assumed to take before any has been measured (default 50 ms). */
  initialJobMs?: number;
  now?: () => number;
}

type Start = () => void;

export class WorkQueue {
  private running = false;
  /** Each user's waiting jobs; Map order is the round-robin order. */
  private readonly lines = new Map<string, Start[]>();
  private waitingCount = 0;
  private avgJobMs: number;
  private readonly maxWaitMs: number;
  private readonly maxWaiting: number;
  private readonly now: () => number;

  constructor(opts: QueueOptions | number = {}) {
    const o = typeof opts === 'number' ? { maxWaiting: opts } : opts;
    this.maxWaitMs = o.maxWaitMs ?? 20_000;
    this.maxWaiting = o.maxWaiting ?? 5_000;
    this.avgJobMs = o.initialJobMs ?? 50;
    this.now = o.now ?? (() => performance.now());
  }

  get size(): number {
    return this.waitingCount + (this.running ? 1 : 0);
  }

  /** The average job time measured so far (an exponentially weighted mean), in ms. */
  get averageJobMs(): number {
    return this.avgJobMs;
  }

  /**
   * How long a new job from `user` would wait, served in turn: every other user's line runs at most as many
   * jobs before it as `user` already has waiting, plus one.
   */
  expectedWaitMs(user: string): number {
    const mine = (this.lines.get(user)?.length ?? 0) + 1;
    let ahead = this.running ? 1 : 0;
    for (const [u, line] of this.lines) ahead += u === user ? mine - 1 : Math.min(line.length, mine);
    return ahead * this.avgJobMs;
  }

  run<T>(job: () => Promise<T> | T, user = 'anyone'): Promise<T> {
    const wait = this.expectedWaitMs(user);
    if (this.waitingCount >= this.maxWaiting || wait > this.maxWaitMs)
      return Promise.reject(new QueueFullError(Math.max(1, Math.ceil(Math.min(wait, 10 * this.maxWaitMs) / 1000))));
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        const t0 = this.now();
        Promise.resolve()
          .then(job)
          .then(resolve, reject)
          .finally(() => {
            this.avgJobMs = 0.8 * this.avgJobMs + 0.2 * Math.max(0, this.now() - t0);
            this.running = false;
            this.next();
          });
      };
      const line = this.lines.get(user);
      if (line) line.push(start);
      else this.lines.set(user, [start]);
      this.waitingCount++;
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    // The first line in order runs one job and goes to the back of the order.
    const first = this.lines.entries().next().value;
    if (!first) return;
    const [user, line] = first;
    const start = line.shift() as Start;
    this.lines.delete(user);
    if (line.length) this.lines.set(user, line);
    this.waitingCount--;
    this.running = true;
    setImmediate(start);
  }
}
