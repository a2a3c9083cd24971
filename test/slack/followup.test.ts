/** Follow-ups in Slack: the last request is kept per thread and per DM, so a short follow-up changes one slot of it. */
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/engine.js';
import { type Reply, SlackService } from '../../src/slack/service.js';

const engine = await loadEngine();
const today = () => '2026-11-23';

describe('Slack follow-ups', () => {
  it('a DM follow-up changes the provider of the last question, and another DM or thread is not affected', async () => {
    const service = new SlackService(engine, today);
    const dm = { user: 'U1', channel: 'D1', conversation: 'D1' };
    const thread = { user: 'U1', channel: 'C1', conversation: 'C1:1700000000.000100' };
    await service.handle('华为云上海 8核32G 一年 包年', dm);
    const followed = (await service.handle('换成腾讯云呢？', dm)) as Reply;
    expect(followed.answer.request).toMatchObject({
      providers: ['tencent'],
      locations: ['shanghai'],
      billing: 'subscription',
      durationMonths: 12,
      workload: { vcpu: 8, memoryGiB: 32 },
    });
    // The same words in a thread with no earlier question are not a follow-up to the DM.
    const elsewhere = (await service.handle('<@U0BOT> 换成腾讯云呢？', thread)) as Reply;
    expect(elsewhere.answer.kind).not.toBe('estimate');
  });

  it('a new full question in the thread starts afresh', async () => {
    const service = new SlackService(engine, today);
    const thread = { user: 'U1', channel: 'C1', conversation: 'C1:1700000000.000200' };
    await service.handle('<@U0BOT> 2x A10 inference in Hangzhou for 3 months, spot', thread);
    const fresh = (await service.handle('<@U0BOT> how much is 8 vCPU 32GB on Huawei in Shanghai?', thread)) as Reply;
    expect(fresh.answer.request.billing).toBeNull();
    expect(fresh.answer.request.durationMonths).toBeNull();
    const follow = (await service.handle('<@U0BOT> and in Singapore?', thread)) as Reply;
    expect(follow.answer.request).toMatchObject({ providers: ['huawei'], locations: ['singapore'] });
  });
});
