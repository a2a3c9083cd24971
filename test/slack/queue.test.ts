/** The answer queue: users served in turn, refusals by expected wait that say when to retry. */
import { describe, expect, it } from 'vitest';
import { slackSay } from '../../src/slack/blocks.js';
import { userMessage } from '../../src/slack/errors.js';
import { QueueFullError, WorkQueue } from '../../src/slack/queue.js';

describe('WorkQueue', () => {
  it('serves users in turn: a victim behind a 700-question flood waits one job, not 700', async () => {
    const q = new WorkQueue({ maxWaitMs: 1e9 });
    const order: string[] = [];
    const flood = Array.from({ length: 700 }, (_, i) => q.run(() => order.push(`flood${i}`), 'UFLOOD'));
    const victim = q.run(() => order.push('victim'), 'UVICTIM');
    await Promise.all([...flood, victim]);
    expect(order.indexOf('victim')).toBeLessThanOrEqual(2);
  });

  it('refuses by expected wait: the flooding user is refused, another user is still accepted', async () => {
    // A clock that advances 100 ms per job: the average job takes 100 ms.
    let t = 0;
    const q = new WorkQueue({ maxWaitMs: 2_000, initialJobMs: 100, now: () => t });
    const results: Promise<unknown>[] = [];
    let refused: QueueFullError | null = null;
    for (let i = 0; i < 50; i++) {
      const p = q.run(() => {
        t += 100;
      }, 'UFLOOD');
      results.push(p.catch((e) => (refused ??= e)));
    }
    const victim = q.run(() => 'answered', 'UVICTIM');
    await Promise.all(results);
    expect(await victim).toBe('answered');
    expect(refused).toBeInstanceOf(QueueFullError);
    // About 20 of the flood's 50 fit in 2 s at 100 ms each; the refusal says when to retry.
    expect((refused as unknown as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(2);
    expect(userMessage(refused, slackSay('en'))).toMatch(/please ask again in \d+ seconds\./);
    expect(userMessage(refused, slackSay('zh'))).toMatch(/当前等待回答的问题太多，请\d+ 秒后再问。/);
  });

  it('a burst from many users is not refused when it drains within the wait bound', async () => {
    const q = new WorkQueue({ maxWaitMs: 20_000, initialJobMs: 5 });
    const all = Array.from({ length: 500 }, (_, i) => q.run(() => i, `U${i % 50}`));
    const settled = await Promise.allSettled(all);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(0);
  });
});
