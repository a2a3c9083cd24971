/**
 * The pure Block Kit builders and the refine form reader: Slack's limits (50 blocks, 3,000 characters a
 * section, 150 a header, 2,000 a button value), what the modal and App Home show, and how each bad field
 * of the refine form is reported.
 */
import type { KnownBlock, View } from '@slack/types';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/answer.js';
import type { Request } from '../../src/domain/request.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import type { Section } from '../../src/render/render.js';
import {
  ACTIONS,
  answerActions,
  answerMessages,
  encodeRequest,
  homeView,
  MAX_BLOCKS,
  MAX_BUTTON_VALUE,
  MAX_HEADER_CHARS,
  MAX_SECTION_CHARS,
  REFINE_CALLBACK,
  refineModal,
  splitText,
  textBlocks,
} from '../../src/slack/blocks.js';
import { decodeRequest, SlackService } from '../../src/slack/service.js';

const TODAY = '2026-11-23';
const QUESTION = '2x T4 inference on AWS in Hong Kong or Singapore for 6 months';

let engine: Engine;
let service: SlackService;

beforeAll(async () => {
  engine = await loadEngine();
  service = new SlackService(engine, () => TODAY);
});

type AnyBlock = {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  elements?: { type: string; text?: unknown; value?: string; action_id?: string }[];
  element?: {
    type: string;
    initial_value?: string;
    initial_option?: { value: string };
    options?: { value: string }[];
  };
};
const asBlocks = (blocks: KnownBlock[] | undefined) => (blocks ?? []) as unknown as AnyBlock[];
const noSpace = (s: string) => s.replace(/\s+/g, '');

/** A deterministic pseudo-random generator, so a failing case can be reproduced. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('splitText', () => {
  it('keeps short text as one piece', () => {
    expect(splitText('hello\nworld')).toEqual(['hello\nworld']);
  });

  it('returns nothing for blank text', () => {
    expect(splitText('')).toEqual([]);
    expect(splitText('\n \n')).toEqual([]);
  });

  it('splits at line breaks when lines fit', () => {
    const lines = Array.from({ length: 10 }, (_, i) => String(i).repeat(1000));
    const pieces = splitText(lines.join('\n'));
    expect(pieces).toEqual([
      lines.slice(0, 2).join('\n'),
      ...[2, 4, 6, 8].map((i) => lines.slice(i, i + 2).join('\n')),
    ]);
  });

  it('cuts a single over-long line into pieces of at most the limit', () => {
    const line = 'x'.repeat(7001);
    const pieces = splitText(line);
    expect(pieces.map((p) => p.length)).toEqual([3000, 3000, 1001]);
    expect(pieces.join('')).toBe(line);
  });

  it('a piece may be exactly the limit', () => {
    const text = `${'a'.repeat(1499)}\n${'b'.repeat(1500)}`;
    expect(text).toHaveLength(3000);
    expect(splitText(text)).toEqual([text]);
    expect(splitText(`${text}c`)).toHaveLength(2);
  });

  it('never returns a piece over the limit and loses no text (random texts, several limits)', () => {
    const rand = prng(42);
    const alphabet = 'abcdefghij klmnop*_~`&<>漢字\n';
    for (let n = 0; n < 200; n++) {
      const max = [3000, 100, 7, 1][n % 4] ?? 3000;
      const len = Math.floor(rand() * (max === 3000 ? 20_000 : 600));
      let text = '';
      for (let i = 0; i < len; i++) {
        // Mostly short lines, sometimes a very long one.
        text += rand() < 0.02 ? '\n' : (alphabet[Math.floor(rand() * alphabet.length)] ?? 'a');
      }
      const pieces = splitText(text, max);
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
      expect(pieces.join('').replace(/\n/g, '').trimEnd()).toBe(text.replace(/\n/g, '').trimEnd());
    }
  });

  it('rendered answers split into sections that fit and keep every character', () => {
    const { answer } = engine.ask(QUESTION, TODAY);
    for (const s of engine.render(answer, 'slack')) {
      const pieces = splitText(s.text);
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
      expect(pieces.join('\n')).toBe(s.text.trim() ? s.text : '');
    }
  });

  it('textBlocks is at most 50 sections of at most 3,000 characters', () => {
    const blocks = asBlocks(textBlocks('y'.repeat(3000 * 60)));
    expect(blocks).toHaveLength(MAX_BLOCKS);
    for (const b of blocks) {
      expect(b.type).toBe('section');
      expect(b.text?.text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    }
  });
});

/** Every section's text in a list of messages, in order. */
const sectionTexts = (messages: KnownBlock[][]) =>
  messages.flatMap((m) =>
    asBlocks(m)
      .filter((b) => b.type === 'section')
      .map((b) => b.text?.text ?? ''),
  );

function expectWithinLimits(messages: KnownBlock[][]) {
  for (const m of messages) {
    expect(m.length).toBeGreaterThan(0);
    expect(m.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const b of asBlocks(m)) {
      if (b.type === 'section') expect(b.text?.text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
      if (b.type === 'header') expect(b.text?.text.length).toBeLessThanOrEqual(MAX_HEADER_CHARS);
      for (const e of b.elements ?? []) if (e.value !== undefined) expect(e.value.length).toBeLessThanOrEqual(2000);
    }
  }
}

describe('answerMessages', () => {
  it('a normal answer fits one message: header first, context, then the buttons last', () => {
    const { answer } = engine.ask(QUESTION, TODAY);
    const m = answerMessages(answer, engine.render(answer, 'slack'));
    expect(m.rest).toEqual([]);
    expectWithinLimits([m.first]);
    const blocks = asBlocks(m.first);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(blocks.at(-2)?.type).toBe('context');
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(3000);
  });

  it('an answer with many options: first message ≤50 blocks ending with the buttons, the rest in thread chunks', () => {
    const { answer } = engine.ask(QUESTION, TODAY);
    expect(answer.options.length).toBeGreaterThan(0);
    const big: Answer = {
      ...answer,
      options: Array.from({ length: 150 }, () => answer.options).flat(),
    };
    const sections = engine.render(big, 'slack');
    const m = answerMessages(big, sections);
    expect(m.rest.length).toBeGreaterThan(0);
    expectWithinLimits([m.first, ...m.rest]);
    const first = asBlocks(m.first);
    expect(first).toHaveLength(MAX_BLOCKS);
    expect(first.at(-1)?.type).toBe('actions');
    expect(first.at(-2)?.type).toBe('context');
    expect(JSON.stringify(first.at(-2))).toContain('Continued in the next message');
    // Nothing is lost: all section text is in the first message or the thread.
    const body = sections.map((s) => (s.name === 'answer' ? s.text.split('\n').slice(1).join('\n') : s.text));
    expect(noSpace(sectionTexts([m.first, ...m.rest]).join(''))).toBe(noSpace(body.join('')));
  });

  it('60 long crafted sections: 50 blocks first, the rest in chunks of at most 50, every block kept', () => {
    const { answer } = engine.ask(QUESTION, TODAY);
    const sections: Section[] = [
      { name: 'answer', text: `*The title*\n${'Intro. '.repeat(10)}` },
      ...Array.from({ length: 60 }, (_, i): Section => ({ name: 'breakdown', text: `${i}:${'z'.repeat(2500)}` })),
    ];
    const m = answerMessages(answer, sections);
    // header + intro + 60 × (divider + section) + context = 123 blocks, plus the "Continued" pointer and the buttons.
    expect([...m.first, ...m.rest.flat()]).toHaveLength(125);
    expectWithinLimits([m.first, ...m.rest]);
    expect(m.first).toHaveLength(MAX_BLOCKS);
    expect(asBlocks(m.first).at(-1)?.type).toBe('actions');
    expect(JSON.stringify(m.first.at(-2))).toContain('Continued in the next message');
    expect(m.rest.map((r) => r.length)).toEqual([50, 25]);
    const texts = sectionTexts([m.first, ...m.rest]);
    expect(texts).toHaveLength(61);
    for (let i = 0; i < 60; i++) expect(texts[i + 1]?.startsWith(`${i}:`)).toBe(true);
    // The answer's context line ends the thread.
    expect(asBlocks(m.rest.at(-1)).at(-1)?.type).toBe('context');
  });

  it('without buttons (a facts answer) the first message may use all 50 blocks', () => {
    const { answer } = engine.ask('what are the ICP filing rules for mainland hosting?', TODAY);
    expect(answerActions(answer)).toBeNull();
    const sections: Section[] = Array.from({ length: 60 }, (_, i) => ({ name: 'facts', text: `fact ${i}` }));
    const m = answerMessages(answer, sections);
    expect(m.first).toHaveLength(MAX_BLOCKS);
    expect(asBlocks(m.first).some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(m.first.at(-1))).toContain('Continued in the next message');
    expectWithinLimits([m.first, ...m.rest]);
  });

  it('a very long title becomes a header of at most 150 characters, without formatting marks', () => {
    const { answer } = engine.ask(QUESTION, TODAY);
    const m = answerMessages(answer, [{ name: 'answer', text: `*${'Long title '.repeat(40)}*\nbody` }]);
    const header = asBlocks(m.first)[0];
    expect(header?.type).toBe('header');
    expect(header?.text?.type).toBe('plain_text');
    expect(header?.text?.text.length).toBeLessThanOrEqual(MAX_HEADER_CHARS);
    expect(header?.text?.text.endsWith('…')).toBe(true);
    expect(header?.text?.text).not.toContain('*');
  });

  it('an empty title line still gives a non-empty header', () => {
    const { answer } = engine.ask(QUESTION, TODAY);
    const m = answerMessages(answer, [{ name: 'answer', text: '\nbody' }]);
    expect(asBlocks(m.first)[0]?.text?.text).toBe('procure-bot');
  });

  it('real answers of every kind stay within Slack’s limits', () => {
    for (const q of [
      QUESTION,
      '2x A10 inference in Hangzhou or Singapore for 3 months, Tmall customer service',
      '8x H800 training for 3 months, compare Huawei and Volcano Engine',
      'what are the ICP filing rules for mainland hosting?',
      'help',
    ]) {
      const m = service.ask(q, { user: 'U1' });
      expectWithinLimits([m.first, ...m.rest]);
    }
  });
});

describe('buttons', () => {
  it('each button value is at most 2,000 characters and decodes to the request (with its billing mode)', () => {
    const { request, answer } = engine.ask(QUESTION, TODAY);
    const actions = answerActions(answer);
    expect(actions).not.toBeNull();
    const ids = (actions?.elements ?? []).map((e) => ('action_id' in e ? e.action_id : ''));
    expect(ids).toEqual([
      `${ACTIONS.billing}_subscription`,
      `${ACTIONS.billing}_spot`,
      ACTIONS.questions,
      ACTIONS.export,
      ACTIONS.refine,
    ]);
    for (const e of actions?.elements ?? []) {
      const value = 'value' in e ? (e.value ?? '') : '';
      expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
      const decoded = decodeRequest(value);
      const id = 'action_id' in e ? (e.action_id ?? '') : '';
      const billing = id.startsWith(ACTIONS.billing) ? id.slice(ACTIONS.billing.length + 1) : request.billing;
      expect(decoded).toEqual({ ...request, billing });
    }
  });

  it('the current billing mode gets no button', () => {
    const { answer } = engine.ask('4x T4 on AWS in Ningxia for a year, subscription, in RMB', TODAY);
    const ids = (answerActions(answer)?.elements ?? []).map((e) => ('action_id' in e ? e.action_id : ''));
    expect(ids).toContain(`${ACTIONS.billing}_payg`);
    expect(ids).toContain(`${ACTIONS.billing}_spot`);
    expect(ids).not.toContain(`${ACTIONS.billing}_subscription`);
  });

  it('a request too big to fit in a button value gives no buttons rather than an oversized value', () => {
    const { request, answer } = engine.ask(QUESTION, TODAY);
    const huge: Request = { ...request, topic: 'q'.repeat(MAX_BUTTON_VALUE) };
    expect(encodeRequest(huge)).toBeNull();
    const big: Answer = { ...answer, request: huge };
    expect(answerActions(big)).toBeNull();
    const m = answerMessages(big, engine.render(answer, 'slack'));
    expect(asBlocks(m.first).some((b) => b.type === 'actions')).toBe(false);
    expectWithinLimits([m.first]);
  });

  it('a request just under the limit still gets buttons, each value within the limit', () => {
    const { request, answer } = engine.ask(QUESTION, TODAY);
    const base = JSON.stringify({ r: { ...request, topic: '' } }).length;
    const near: Request = { ...request, topic: 'q'.repeat(MAX_BUTTON_VALUE - base) };
    expect(encodeRequest(near)?.length).toBe(MAX_BUTTON_VALUE);
    const actions = answerActions({ ...answer, request: near });
    expect(actions?.elements.length).toBeGreaterThan(0);
    for (const e of actions?.elements ?? [])
      expect(('value' in e ? (e.value ?? '') : '').length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
  });

  it('help, follow-up and facts answers get no buttons', () => {
    for (const q of ['help', 'how much for GPUs?', 'what are the ICP filing rules for mainland hosting?'])
      expect(answerActions(engine.ask(q, TODAY).answer)).toBeNull();
  });
});

/** The form's state as Slack would send it if the user submitted the modal without changing anything. */
function untouched(view: View): Parameters<SlackService['readRefine']>[0] {
  const values: Parameters<SlackService['readRefine']>[0] = {};
  for (const b of asBlocks(view.blocks as KnownBlock[])) {
    const el = b.element;
    if (!b.block_id || !el) continue;
    values[b.block_id] = {
      value:
        el.type === 'static_select'
          ? { selected_option: el.initial_option ? { value: el.initial_option.value } : null }
          : { value: el.initial_value ?? null },
    };
  }
  return values;
}

const form = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: { value: v } }]));

describe('refineModal', () => {
  const initial = (view: View, id: string) => {
    const el = asBlocks(view.blocks as KnownBlock[]).find((b) => b.block_id === id)?.element;
    return el?.initial_option?.value ?? el?.initial_value;
  };

  it('is prefilled from a parsed request: 2x A10 inference in Hangzhou for 3 months', () => {
    const request = engine.parse('2x A10 inference in Hangzhou for 3 months');
    const view = refineModal(request, { channel: 'C1', thread: '1700000000.000100' });
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(REFINE_CALLBACK);
    expect(JSON.parse(view.private_metadata ?? '')).toMatchObject({
      channel: 'C1',
      thread: '1700000000.000100',
      request,
    });
    expect(initial(view, 'gpu_model')).toBe('A10');
    expect(initial(view, 'gpu_count')).toBe('2');
    expect(initial(view, 'locations')).toBe('hangzhou');
    expect(initial(view, 'months')).toBe('3');
    expect(initial(view, 'kind')).toBe('inference');
    for (const id of ['vcpu', 'memory', 'instances', 'storage', 'egress', 'providers', 'billing', 'currency'])
      expect(initial(view, id)).toBeUndefined();
  });

  it('stays within Slack’s modal limits (title 24, ≤100 blocks, every input optional and action_id "value")', () => {
    const view = refineModal(engine.parse(QUESTION), {});
    if (view.type !== 'modal') throw new Error('not a modal');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const b of view.blocks as unknown as (AnyBlock & { optional?: boolean; element?: { action_id?: string } })[]) {
      expect(b.type).toBe('input');
      expect(b.optional).toBe(true);
      expect(b.element?.action_id).toBe('value');
    }
  });

  it('a select’s initial option is one of its options (Slack refuses the view otherwise)', () => {
    const request = engine.parse('4x T4 on AWS in Ningxia for a year, subscription, in RMB');
    const view = refineModal(request, {});
    for (const b of asBlocks(view.blocks as KnownBlock[]).filter((x) => x.element?.type === 'static_select')) {
      const init = b.element?.initial_option;
      if (init) expect(b.element?.options?.map((o) => o.value)).toContain(init.value);
    }
    expect(initial(view, 'billing')).toBe('subscription');
    expect(initial(view, 'currency')).toBe('CNY');
  });

  it('submitted unchanged, it reads back to the same size, places and providers', () => {
    for (const q of [
      QUESTION,
      '2x A10 inference in Hangzhou for 3 months',
      '4x T4 on AWS in Ningxia for a year, subscription, in RMB',
      '1.5 TB object storage and 500 GB/month egress in Hong Kong on Huawei',
      '8x H800 training for 3 months, compare Huawei and Volcano Engine',
      'Tencent spot for batch jobs 16核64G in Guangzhou for 2 months',
    ]) {
      const request = engine.parse(q);
      const read = service.readRefine(untouched(refineModal(request, {})));
      if ('errors' in read) throw new Error(`${q}: ${JSON.stringify(read.errors)}`);
      expect(read.request.workload.gpu, q).toEqual(request.workload.gpu);
      expect(read.request.workload.vcpu, q).toEqual(request.workload.vcpu);
      expect(read.request.workload.storageGB, q).toEqual(request.workload.storageGB);
      expect(read.request.locations.sort(), q).toEqual([...request.locations].sort());
      expect(read.request.providers.sort(), q).toEqual([...request.providers].sort());
      expect(read.request.billing, q).toEqual(request.billing);
      expect(read.request.durationMonths, q).toEqual(request.durationMonths);
    }
  });
});

describe('homeView', () => {
  const info = (recent: { when: string; text: string; summary: string }[]) => ({
    examples: ['2x A10 inference in Hangzhou for 3 months', 'where should our <Tmall> model run?'],
    recent,
    catalogue: {
      prices: 120,
      facts: 40,
      oldest: '2025-06-01',
      newest: '2026-11-01',
      stale: 1,
      staleDays: 180,
      fromApis: [] as { provider: string; rows: number; newest: string }[],
    },
  });
  const text = (view: View) => JSON.stringify(view.blocks);

  it('with no recent requests says "None yet."', () => {
    const view = homeView(info([]));
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(text(view)).toContain('None yet.');
    expect(text(view)).toContain('/procure 2x A10 inference in Hangzhou for 3 months');
    expect(text(view)).toContain('Catalogue: 120 prices and 40 facts, dated 2025-06-01 to 2026-11-01; 1 price older');
  });

  it('with five recent requests lists all five, escaped so a request cannot ping a channel', () => {
    const recent = Array.from({ length: 5 }, (_, i) => ({
      when: `2026-11-2${i}`,
      text: i === 0 ? 'tell <!channel> & <@U2>' : `question ${i}`,
      summary: `AWS ap-east-${i}`,
    }));
    const view = homeView(info(recent));
    const all = text(view);
    expect(all).not.toContain('None yet.');
    for (let i = 1; i < 5; i++) expect(all).toContain(`question ${i} → AWS ap-east-${i}`);
    expect(all).toContain('tell &lt;!channel&gt; &amp; &lt;@U2&gt;');
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;Tmall&gt;');
    for (const b of asBlocks(view.blocks as KnownBlock[]))
      if (b.type === 'section') expect(b.text?.text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
  });

  it("says how many prices came from the providers' price APIs, and when they were read", () => {
    expect(text(homeView(info([])))).not.toContain('price APIs');
    const withApis = info([]);
    withApis.catalogue.fromApis = [{ provider: 'Alibaba Cloud', rows: 33, newest: '2026-11-23' }];
    expect(text(homeView(withApis))).toContain("From the providers' price APIs: Alibaba Cloud 33 (read 2026-11-23).");
  });

  it('very long recent requests still fit one section', () => {
    const recent = Array.from({ length: 5 }, () => ({ when: TODAY, text: 'w'.repeat(2000), summary: 's' }));
    for (const b of asBlocks(homeView(info(recent)).blocks as KnownBlock[]))
      if (b.type === 'section') expect(b.text?.text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
  });

  it('SlackService.home keeps the five most recent answered requests of that user only', () => {
    const s = new SlackService(engine, () => TODAY);
    for (let i = 1; i <= 6; i++) s.ask(`${i}x T4 inference on AWS in Hong Kong`, { user: 'U1' });
    s.ask('help', { user: 'U1' });
    const mine = JSON.stringify(s.home('U1').blocks);
    expect(mine).toContain('6x T4');
    expect(mine).toContain('2x T4');
    expect(mine).not.toContain('1x T4');
    expect(mine).not.toContain('— help');
    expect(JSON.stringify(s.home('U2').blocks)).toContain('None yet.');
  });
});

describe('SlackService.readRefine', () => {
  it('good values give a request', () => {
    const read = service.readRefine(
      form({
        kind: 'inference',
        gpu_model: 't4',
        gpu_count: '2',
        locations: 'Hong Kong, Singapore',
        providers: 'AWS',
        months: '6',
        egress: '1,000',
      }),
    );
    if ('errors' in read) throw new Error(JSON.stringify(read.errors));
    expect(read.request.intent).toBe('estimate');
    expect(read.request.workload.kind).toBe('inference');
    expect(read.request.workload.gpu).toEqual({ model: 'T4', count: 2 });
    expect(read.request.workload.egressGBPerMonth).toBe(1000);
    expect(read.request.locations.sort()).toEqual(['hong-kong', 'singapore']);
    expect(read.request.providers).toEqual(['aws']);
    expect(read.request.durationMonths).toBe(6);
  });

  it('select values arrive as selected_option', () => {
    const read = service.readRefine({
      vcpu: { value: { value: '8' } },
      billing: { value: { selected_option: { value: 'spot' } } },
      currency: { value: { selected_option: { value: 'CNY' } } },
      kind: { value: { selected_option: null } },
    });
    if ('errors' in read) throw new Error(JSON.stringify(read.errors));
    expect(read.request.billing).toBe('spot');
    expect(read.request.currency).toBe('CNY');
    expect(read.request.workload.kind).toBeNull();
  });

  it('a GPU model without a count means one GPU', () => {
    const read = service.readRefine(form({ gpu_model: 'A10' }));
    expect('request' in read && read.request.workload.gpu).toEqual({ model: 'A10', count: 1 });
  });

  it.each([
    ['a negative vCPU', { vcpu: '-3', memory: '16' }, 'vcpu', /above 0/],
    ['zero memory', { vcpu: '8', memory: '0' }, 'memory', /above 0/],
    ['a non-number', { vcpu: 'eight' }, 'vcpu', /number/],
    ['a non-number memory', { vcpu: '8', memory: 'lots' }, 'memory', /number/],
    ['a fractional instance count', { vcpu: '8', instances: '2.5' }, 'instances', /whole number/],
    ['too many vCPU', { vcpu: '5000' }, 'vcpu', /at most 1,024/],
    ['too long a duration', { vcpu: '8', months: '121' }, 'months', /at most 120/],
    ['a negative storage', { vcpu: '8', storage: '-1' }, 'storage', /above 0/],
    ['an unknown GPU', { gpu_model: 'Z999', gpu_count: '2' }, 'gpu_model', /"Z999" is not a GPU model/],
    ['a GPU count without a model', { vcpu: '8', gpu_count: '2' }, 'gpu_model', /Say which GPU model/],
    ['an unknown location', { vcpu: '8', locations: 'Atlantis' }, 'locations', /I do not know "Atlantis"/],
    ['an unknown provider', { vcpu: '8', providers: 'Acme Cloud' }, 'providers', /I do not know "Acme Cloud"/],
    ['an unknown workload kind', { vcpu: '8', kind: 'mining' }, 'kind', /workload kind/],
    ['nothing sized at all', { locations: 'Hangzhou', months: '3' }, 'vcpu', /at least one size/],
  ])('%s → its own error', (_name, fields, id, message) => {
    const read = service.readRefine(form(fields));
    if (!('errors' in read)) throw new Error('expected errors');
    expect(Object.keys(read.errors)).toEqual([id]);
    expect(read.errors[id]).toMatch(message);
    expect(read.errors[id]).not.toContain('\n');
  });

  it('several bad fields give one error each', () => {
    const read = service.readRefine(form({ vcpu: '-1', gpu_model: 'Z999', providers: 'Acme' }));
    if (!('errors' in read)) throw new Error('expected errors');
    expect(Object.keys(read.errors).sort()).toEqual(['gpu_model', 'providers', 'vcpu']);
  });

  it('every error key is a block id of the refine modal', () => {
    const ids = new Set(
      asBlocks(refineModal(engine.parse(QUESTION), {}).blocks as KnownBlock[]).map((b) => b.block_id),
    );
    const read = service.readRefine(
      form({
        kind: 'x',
        vcpu: '-1',
        memory: '-1',
        instances: '-1',
        storage: '-1',
        egress: '-1',
        months: '-1',
        gpu_model: 'Z999',
        gpu_count: '-1',
        locations: 'Atlantis',
        providers: 'Acme',
      }),
    );
    if (!('errors' in read)) throw new Error('expected errors');
    expect(Object.keys(read.errors).length).toBeGreaterThanOrEqual(10);
    for (const id of Object.keys(read.errors)) expect(ids.has(id)).toBe(true);
  });
});

describe('the refine form keeps what it does not show', () => {
  it('the refine form submitted unchanged keeps the recommendation (Tmall customer-service data)', () => {
    // readRefine starts from emptyRequest('estimate'), so the request's signals (personal data, commerce
    // platforms, where the users are, production, incumbent) are dropped: refining the mission question
    // without changing a field moves the recommendation from Hangzhou to Singapore.
    const { request, answer } = engine.ask(
      '2x A10 inference in Hangzhou or Singapore for 3 months, Tmall customer service',
      TODAY,
    );
    const view = refineModal(request, {});
    const read = service.readRefine(untouched(view), JSON.parse(view.private_metadata ?? '{}').request);
    if ('errors' in read) throw new Error(JSON.stringify(read.errors));
    const refined = service.rerun(read.request, 'U1').answer;
    expect(refined.recommendation?.text).toBe(answer.recommendation?.text);
  });

  it('a token (model-API) estimate shows a Refine button whose form can be submitted unchanged', () => {
    // The form has no model or token fields, so "Give at least one size" is all the user can get.
    const { request, answer } = engine.ask('20M input and 5M output tokens a month on qwen-plus', TODAY);
    const ids = (answerActions(answer)?.elements ?? []).map((e) => ('action_id' in e ? e.action_id : ''));
    expect(ids).toContain(ACTIONS.refine);
    const view = refineModal(request, {});
    const read = service.readRefine(untouched(view), JSON.parse(view.private_metadata ?? '{}').request);
    expect(read).not.toHaveProperty('errors');
  });
});
