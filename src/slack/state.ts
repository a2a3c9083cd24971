/**
 * Short-lived conversation state kept in memory: follow-ups waiting for a reply (per thread or DM),
 * event ids already handled (Slack retries the same event), and each user's recent requests.
 * Bounded in size and age so a long-running process does not grow.
 */
import type { Request } from '../domain/request.js';

export class TtlMap<V> {
  private readonly map = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expires < this.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, expires: this.now() + this.ttlMs });
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  /** Sets the key and says whether it was new (not seen within the TTL). */
  claim(key: string, value: V): boolean {
    if (this.get(key) !== undefined) return false;
    this.set(key, value);
    return true;
  }
}

export interface RecentRequest {
  when: string;
  text: string;
  summary: string;
}

export class ConversationState {
  /** Follow-up questions waiting for the user's reply: 30 minutes, like a response_url. */
  readonly pending = new TtlMap<Request>(30 * 60_000, 5_000);
  /** The last request answered per thread or DM, for short follow-ups ("what about Tencent?"): 30 minutes. */
  readonly last = new TtlMap<Request>(30 * 60_000, 5_000);
  /** Event ids seen in the last hour (Slack retries for up to about an hour). */
  readonly seenEvents = new TtlMap<true>(60 * 60_000, 20_000);
  private readonly recent = new TtlMap<RecentRequest[]>(7 * 24 * 60 * 60_000, 10_000);

  remember(user: string, item: RecentRequest): void {
    const list = [item, ...(this.recent.get(user) ?? [])].slice(0, 5);
    this.recent.set(user, list);
  }

  recentFor(user: string): RecentRequest[] {
    return this.recent.get(user) ?? [];
  }
}
