/**
 * The Slack admin commands (quote add/remove, quotes, settings summary-channel) and the summary, through
 * SlackService.handle with a real FileStore in a temp dir, admins ['UADMIN'] and a logger whose lines are kept.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Engine, loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { type Message, type Reply, SlackService } from '../../src/slack/service.js';
import { FileStore } from '../../src/store/file-store.js';
import { REPO_ROOT, removeDir, tempDir } from '../helpers/project.js';

const TODAY = '2026-11-23';
const ADMIN = 'UADMIN';
const USER = 'UUSER';
const QUOTE_ADD =
  'quote add provider=alibaba resource=gpu gpu=A10 region=cn-hangzhou price=9.5 unit=instance-hour currency=CNY reference=ALI-2026-017 valid_until=2027-01-31';
const A10 = '2x A10 inference in Hangzhou for 3 months';

let engine: Engine;
let dir: string;
let store: FileStore;
let service: SlackService;
let lines: string[];
let onSettingsChanged: ReturnType<typeof vi.fn<() => Promise<void>>>;

beforeAll(async () => {
  engine = await loadEngine(REPO_ROOT);
});

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TODAY}T10:00:00Z`));
  dir = tempDir('procure-slack-admin-');
  store = await FileStore.open(dir, { writer: true });
  lines = [];
  onSettingsChanged = vi.fn(async () => {});
  service = new SlackService(engine, () => TODAY, {
    store,
    admins: [ADMIN],
    logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }),
    onSettingsChanged,
  });
  await service.loadQuotes();
});

afterEach(async () => {
  vi.useRealTimers();
  await store.close();
  removeDir(dir);
});

function logged(level?: string): string[] {
  return lines
    .map((l) => JSON.parse(l) as { level: string; msg: string })
    .filter((l) => !level || l.level === level)
    .map((l) => l.msg);
}

/** One sentence: one line, ending in a full stop, with no other sentence end inside. */
function expectOneSentence(text: string): void {
  expect(text).not.toContain('\n');
  expect(text.trim()).toMatch(/\.$/);
  expect(text.trim().split(/(?<=[.!?])\s+(?=[A-Z])/), text).toHaveLength(1);
}

function isReply(m: Message): m is Reply {
  return 'answer' in m;
}

function gpuSources(m: Message): string[] {
  if (!isReply(m)) throw new Error(`not an answer: ${m.text}`);
  return m.answer.options.flatMap((o) => o.lines.filter((l) => l.component === 'gpu').map((l) => l.source));
}

describe('a non-admin', () => {
  it('is refused "quote add …" with one sentence; nothing is stored and the refusal is logged', async () => {
    const m = await service.handle(QUOTE_ADD, { user: USER, channel: 'C1' });
    expect(m.ephemeral).toBe(true);
    expectOneSentence(m.text);
    expect(m.text).toMatch(/admins/i);
    expect(await store.quotes()).toEqual([]);
    const warnings = logged('warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(USER);
    expect(warnings[0]).toMatch(/refused "quote add"/);
  });

  it('is refused "settings summary-channel <#C123|procurement>"; nothing is stored and it is logged', async () => {
    const m = await service.handle('settings summary-channel <#C123|procurement>', { user: USER, channel: 'C1' });
    expectOneSentence(m.text);
    expect(m.text).toMatch(/admins/i);
    expect((await store.settings()).summaryChannel).toBeNull();
    expect(onSettingsChanged).not.toHaveBeenCalled();
    expect(logged('warn').some((w) => w.includes(USER) && w.includes('settings'))).toBe(true);
  });

  it('is refused "quote remove …", and the quote stays', async () => {
    await service.handle(QUOTE_ADD, { user: ADMIN });
    const m = await service.handle('quote remove ALI-2026-017', { user: USER });
    expectOneSentence(m.text);
    expect((await store.quotes()).map((q) => q.reference)).toEqual(['ALI-2026-017']);
    expect(logged('warn').some((w) => w.includes('quote remove') && w.includes(USER))).toBe(true);
  });

  it('is refused when the command comes after a mention of the bot', async () => {
    const m = await service.handle(`<@UBOT> ${QUOTE_ADD}`, { user: USER, channel: 'C1' });
    expectOneSentence(m.text);
    expect(await store.quotes()).toEqual([]);
  });

  it('can list quotes', async () => {
    await service.handle(QUOTE_ADD, { user: ADMIN });
    for (const text of ['quotes', 'quotes list', 'quote list']) {
      const m = await service.handle(text, { user: USER, channel: 'C1' });
      expect(m.text, text).toContain('ALI-2026-017');
      expect(m.text).toContain('Alibaba Cloud gpu-instance 1x A10 in Hangzhou: CNY 9.5 per instance-hour');
      expect(m.text).not.toContain('expired');
    }
    expect(logged('warn')).toEqual([]);
  });

  it('is told how to add one when there are no quotes', async () => {
    const m = await service.handle('quotes', { user: USER });
    expect(m.text).toMatch(/No vendor quotes yet/);
  });
});

describe('an admin', () => {
  it('adds a quote: it is stored, logged, and the next question uses it', async () => {
    const before = await service.handle(A10, { user: USER, channel: 'C1' });
    expect(gpuSources(before)).not.toContain('quote:ALI-2026-017');

    const m = await service.handle(QUOTE_ADD, { user: ADMIN, channel: 'C1' });
    expect(m.text).toMatch(/Added quote ALI-2026-017/);
    const stored = await store.quotes();
    expect(stored.map((q) => [q.reference, q.provider, q.location, q.addedBy])).toEqual([
      ['ALI-2026-017', 'alibaba', 'hangzhou', ADMIN],
    ]);
    expect(logged('info').some((l) => l.includes('ALI-2026-017') && l.includes(ADMIN))).toBe(true);

    const after = await service.handle(A10, { user: USER, channel: 'C1' });
    expect(gpuSources(after)).toEqual(['quote:ALI-2026-017']);
    if (!isReply(after)) throw new Error('not an answer');
    const line = after.answer.options.flatMap((o) => o.lines).find((l) => l.component === 'gpu');
    expect(line?.grade).toBe('vendor-quote');
  });

  it('adds a quote once when its request is delivered again after a restart (killed before its done mark)', async () => {
    const where = { user: ADMIN, channel: 'C1', requestKey: 'command:1234.5678.trigger' };
    const first = await service.handle(QUOTE_ADD, where);
    // The process dies here, before the inbox hears `done`; the next run answers the same request again.
    await store.close();
    store = await FileStore.open(dir, { writer: true });
    const again = new SlackService(engine, () => TODAY, { store, admins: [ADMIN] });
    await again.loadQuotes();
    const second = await again.handle(QUOTE_ADD, where);
    expect(second.text).toBe(first.text);
    expect((await store.quotes()).map((q) => q.reference)).toEqual(['ALI-2026-017']);
    // Another request adding the same quote (a new command) is a new quote, as before.
    await again.handle(QUOTE_ADD, { ...where, requestKey: 'command:9999.1.other' });
    expect((await store.quotes()).map((q) => q.reference)).toEqual(['ALI-2026-017', 'ALI-2026-017']);
  });

  it('gets one sentence naming the field when the quote is bad, and nothing is stored', async () => {
    const m = await service.handle(QUOTE_ADD.replace('valid_until=2027-01-31', 'valid_until=2026-02-30'), {
      user: ADMIN,
    });
    expect(m.text).toMatch(/The quote was not added: valid_until "2026-02-30"/);
    expect(await store.quotes()).toEqual([]);
  });

  it('removes a quote by reference, and the next question no longer uses it', async () => {
    await service.handle(QUOTE_ADD, { user: ADMIN });
    const m = await service.handle('quote remove ALI-2026-017', { user: ADMIN });
    expect(m.text).toMatch(/Removed 1 quote/);
    expect(await store.quotes()).toEqual([]);
    expect(gpuSources(await service.handle(A10, { user: USER }))).not.toContain('quote:ALI-2026-017');
  });

  it('sets the summary channel: C123 is stored and onSettingsChanged is called', async () => {
    const m = await service.handle('settings summary-channel <#C123|procurement>', { user: ADMIN, channel: 'C1' });
    expect(m.text).toMatch(/weekly summary will be posted/);
    expect((await store.settings()).summaryChannel).toBe('C123');
    expect(onSettingsChanged).toHaveBeenCalledTimes(1);
    expect(logged('info').some((l) => l.includes('C123') && l.includes(ADMIN))).toBe(true);

    // The setting is in the store, not only in memory.
    await store.close();
    store = await FileStore.open(dir, { writer: true });
    expect((await store.settings()).summaryChannel).toBe('C123');
  });

  // The confirmation means to link the channel (<#C123> shows as #procurement), but the whole note is escaped
  // for Slack, so the admin sees the literal text "<#C123>".
  it('is shown the summary channel as a channel link', async () => {
    const m = await service.handle('settings summary-channel <#C123|procurement>', { user: ADMIN, channel: 'C1' });
    expect(m.text).not.toContain('&lt;#C123&gt;');
    expect(m.text).toContain('<#C123>');
  });

  it('is asked for a #channel when the channel is not one, and nothing changes', async () => {
    const m = await service.handle('settings summary-channel procurement', { user: ADMIN });
    expect(m.text).toMatch(/#channel/);
    expect((await store.settings()).summaryChannel).toBeNull();
    expect(onSettingsChanged).not.toHaveBeenCalled();
  });
});

describe('"summary"', () => {
  it('returns the weekly summary text with the requests asked this week', async () => {
    for (const q of ['2x T4 in Hong Kong', '4x T4 inference in Singapore for 6 months']) {
      const reply = await service.handle(q, { user: USER, channel: 'C1' });
      expect(reply.record).toBeDefined();
      await service.persist(reply);
    }
    const m = await service.handle('summary', { user: USER, channel: 'C1' });
    expect(m.ephemeral).toBe(true);
    expect(m.text).toBe('Weekly summary 2026-W48');
    const text = m.first.map((b) => (b.type === 'section' && b.text ? b.text.text : '')).join('\n');
    expect(text).toContain('*Weekly summary — 2026-W48*');
    expect(text).toContain('*Requests:* 2 this week, 0 last week');
    expect(text).toContain('4x T4 inference in Singapore for 6 months');
    expect(text).toContain('C1 2');
    // The summary itself is not a request in the history.
    expect(await store.history()).toHaveLength(2);
  });
});

describe('the quote form', () => {
  const v = (value: string) => ({ value: { type: 'plain_text_input', value } });
  const s = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });
  const good = {
    provider: s('alibaba'),
    resource: s('gpu-instance'),
    region: v('cn-hangzhou'),
    sku: v('ecs.gn7i-c8g1.2xlarge'),
    gpu_model: v('A10'),
    gpu_count: v('1'),
    price: v('9.5'),
    unit: s('instance-hour'),
    currency: s('CNY'),
    reference: v('ALI-FORM-1'),
    valid_until: { value: { type: 'datepicker', selected_date: '2027-01-31' } },
  };

  it('"quote add" with no fields opens the form for an admin', async () => {
    const reply = await service.handle('quote add', { user: ADMIN, channel: 'C1' });
    expect(reply.openModal?.type).toBe('modal');
    expect(JSON.stringify(reply.openModal)).toContain('valid_until');
  });

  it('is refused to a non-admin before any form opens', async () => {
    const reply = await service.handle('quote add', { user: 'UOTHER', channel: 'C1' });
    expect(reply.openModal).toBeUndefined();
    expect(reply.text).toMatch(/Only procure-bot admins/);
  });

  it('a good submission stores the quote and the next estimate uses it', async () => {
    const result = await service.submitQuote(good as never, ADMIN);
    expect(result).toEqual({ message: expect.stringMatching(/Added quote ALI-FORM-1/) });
    expect((await store.quotes()).map((q) => q.reference)).toEqual(['ALI-FORM-1']);
    const reply = await service.handle('1x A10 in Hangzhou on Alibaba', { user: ADMIN, channel: 'C1' });
    expect(JSON.stringify(reply.first)).toContain('quote:ALI-FORM-1');
  });

  it('a bad field comes back as an inline error on that field, and nothing is stored', async () => {
    const result = await service.submitQuote({ ...good, price: v('-3') } as never, ADMIN);
    expect(result).toEqual({ errors: { price: expect.stringMatching(/price/i) } });
    expect(await store.quotes()).toHaveLength(0);
  });

  it('a submission from a non-admin is refused and logged', async () => {
    const result = await service.submitQuote(good as never, 'UOTHER');
    expect('errors' in result).toBe(true);
    expect(await store.quotes()).toHaveLength(0);
    expect(logged('warn').some((m) => m.includes('UOTHER'))).toBe(true);
  });
});
