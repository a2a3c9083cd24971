/** What the inbox keeps of a request: what answering it again needs, not the verification token nor message blocks. */
import { describe, expect, it } from 'vitest';
import { replayBody } from '../../src/slack/link.js';

describe('replayBody', () => {
  it('drops the legacy verification token and keeps what answering again needs', () => {
    const body = {
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      command: '/procure',
      text: '2x A10 in Hangzhou',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      response_url: 'https://hooks.slack.com/commands/T1/1/x',
      trigger_id: '1.2.3',
    };
    const kept = replayBody(body);
    expect(kept).not.toHaveProperty('token');
    const { token: _t, ...rest } = body;
    expect(kept).toEqual(rest);
    // The request being answered now is not changed.
    expect(body.token).toBe('gIkuvaNzQIHg97ATvDxqgjtO');
  });

  it("keeps a button's message only as where it sits (ts, thread), not its blocks and text", () => {
    const body = {
      type: 'block_actions',
      user: { id: 'U1' },
      channel: { id: 'C1' },
      actions: [{ action_id: 'rerun', value: '{}' }],
      message: { ts: '1.1', thread_ts: '1.0', text: 'a long answer', blocks: [{ type: 'section' }] },
    };
    expect(replayBody(body).message).toEqual({ ts: '1.1', thread_ts: '1.0' });
    expect(body.message.blocks).toHaveLength(1);
  });
});
