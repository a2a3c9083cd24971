/**
 * Model-API token prices from litellm and models.dev (src/catalog/importers/model-tokens.ts, run by
 * scripts/build-shipped-catalog.ts): tiered prices shipped at their lowest tier with the higher tiers named in both
 * languages, unpriced and zero-priced entries left out, and the shipped rows in the right provider, place and
 * currency with their source — and a token question answered from them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  isPriced,
  litellmPricing,
  modelsDevPricing,
  pyNumber,
  type TokenPricing,
  type TokenTarget,
  tokenRows,
  volcengineModelName,
} from '../../src/catalog/importers/model-tokens.js';
import { loadProject } from '../../src/catalog/load.js';
import type { Price } from '../../src/catalog/schema.js';
import type { Answer, OptionAnswer } from '../../src/domain/answer.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { REPO_ROOT } from '../helpers/project.js';

const TARGET: TokenTarget = {
  provider: 'volcengine',
  service: 'Ark',
  scope: { locations: ['beijing'] },
  idPrefix: 'test',
  source: 'https://github.com/o/r/blob/0000000000000000000000000000000000000000/f.json',
  as_of: '2026-07-24',
  dated: 'retrieved',
  note: 'base note',
  note_zh: '基本说明',
};

const priced = (p: TokenPricing | { skip: string }): TokenPricing => {
  if ('skip' in p) throw new Error(`skipped: ${p.skip}`);
  return p;
};

describe('litellm entries', () => {
  const tiered = {
    tiered_pricing: [
      // Out of order on purpose: the lowest tier is the one starting at 0, wherever it is in the list.
      { input_cost_per_token: 7e-7, output_cost_per_token: 3.5e-6, range: [32000.0, 128000.0] },
      { input_cost_per_token: 4.6e-7, output_cost_per_token: 2.3e-6, range: [0, 32000.0] },
      { input_cost_per_token: 1.4e-6, output_cost_per_token: 7e-6, range: [128000.0, 256000.0] },
    ],
  };

  it('price a tiered model at its lowest tier and name every higher tier, in English and Chinese', () => {
    const rows = tokenRows(TARGET, 'doubao-seed-2.0-pro', priced(litellmPricing('volcengine/x', tiered)));
    const input = rows.find((r) => r.direction === 'input') as Price;
    const output = rows.find((r) => r.direction === 'output') as Price;
    expect(input.price).toBe(0.46);
    expect(output.price).toBe(2.3);
    expect(input.note).toContain('base note');
    expect(input.note).toContain('lowest tier (input up to 32K tokens)');
    expect(input.note).toContain('32K–128K USD 0.7, 128K–256K USD 1.4 per million input tokens');
    expect(output.note).toContain('32K–128K USD 3.5, 128K–256K USD 7 per million output tokens');
    expect(input.note_zh).toContain('基本说明');
    expect(input.note_zh).toContain('此为最低一档（输入不超过 32K token）');
    expect(output.note_zh).toContain('32K–128K 每百万输出 token 3.5 美元');
    expect(input.quote).toContain('"range": [0, 32000]');
    expect(input.quote).toContain('"input_cost_per_token": 4.6e-07');
  });

  it('say nothing about tiers for a flat price, but name a separate thinking-mode output price', () => {
    const p = priced(
      litellmPricing('dashscope/q', {
        input_cost_per_token: 4e-7,
        output_cost_per_token: 1.2e-6,
        output_cost_per_reasoning_token: 4e-6,
      }),
    );
    const [input, output] = tokenRows(TARGET, 'q', p) as [Price, Price];
    expect(input.note).toBe('base note');
    expect(input.note_zh).toBe('基本说明');
    expect(output.note).toBe('base note; thinking-mode output is USD 4 per million tokens');
    expect(output.note_zh).toContain('思考模式的输出为每百万 token 4 美元');
  });

  it('leave out an entry with no price, and treat a zero price as no per-token price', () => {
    expect(litellmPricing('dashscope/qwen-image-2.0', { mode: 'image_generation' })).toEqual({
      skip: 'entries with no input or output price at all',
    });
    expect(isPriced(priced(litellmPricing('x', { input_cost_per_token: 0, output_cost_per_token: 0 })))).toBe(false);
  });

  it('write per-token figures as per-million without floating-point noise, and quote numbers as the file does', () => {
    const p = priced(litellmPricing('x', { input_cost_per_token: 2.9e-8, output_cost_per_token: 2.87e-6 }));
    expect(p.tiers[0]?.input).toBe(0.029);
    expect(p.tiers[0]?.output).toBe(2.87);
    expect(pyNumber(4.6e-7)).toBe('4.6e-07');
    expect(pyNumber(32000)).toBe('32000.0');
  });

  it("name Volcano Engine's models as they are sold, not by their versioned API ids", () => {
    expect(volcengineModelName('doubao-seed-2-0-pro-260215')).toBe('doubao-seed-2.0-pro');
    expect(volcengineModelName('doubao-seed-2-0-code-preview-260215')).toBe('doubao-seed-2.0-code-preview');
  });
});

describe('models.dev files', () => {
  it('read [[cost.tiers]] in both spellings as a tier above the size', () => {
    for (const tier of ['{ size = 256_000 }', '{ type = "context", size = 256_000 }']) {
      const p = priced(
        modelsDevPricing(
          'm.toml',
          `[cost]\ninput = 0.5\noutput = 3\n\n[[cost.tiers]]\ntier = ${tier}\ninput = 2\noutput = 6\n`,
        ),
      );
      expect(p.tiers).toEqual([
        { from: 0, to: 256000, input: 0.5, output: 3 },
        { from: 256000, to: null, input: 2, output: 6 },
      ]);
      const [input] = tokenRows(TARGET, 'm', p) as [Price];
      expect(input.price).toBe(0.5);
      expect(input.note).toContain('over 256K USD 2 per million input tokens');
      expect(input.note_zh).toContain('256K 以上 每百万输入 token 2 美元');
    }
  });

  it('leave out a file that is only a link to another file, and a zero-priced model', () => {
    expect(modelsDevPricing('q.toml', '../../alibaba/models/qwen3-coder-plus.toml')).toEqual({
      skip: 'files that are a link to another model file (git symlink stored as text), not a price',
    });
    expect(isPriced(priced(modelsDevPricing('hy.toml', '[cost]\ninput = 0\noutput = 0\n')))).toBe(false);
  });
});

describe('the shipped token prices', () => {
  const { catalog } = loadProject(REPO_ROOT);
  const tokens = catalog.prices.filter((p) => p.kind === 'model-tokens');
  const from = (prefix: string) => tokens.filter((p) => p.id.startsWith(prefix));

  it('put each source in its provider, place and currency, with source, date and notes in both languages', () => {
    const volc = from('volcengine-litellm-');
    const tencent = from('tencent-litellm-');
    const intl = from('alibaba-intl-');
    expect(volc.length).toBe(8);
    expect(tencent.length).toBe(4);
    expect(intl.length).toBeGreaterThan(100);
    for (const p of [...volc, ...tencent, ...intl]) {
      expect(p.source, p.id).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//);
      expect(p.as_of, p.id).toMatch(/^2026-0[67]-\d\d$/);
      expect(p.grade, p.id).toBe('second-hand');
      expect(p.currency, p.id).toBe('USD');
      expect(p.unit, p.id).toBe('million-tokens');
      expect(p.price, p.id).toBeGreaterThan(0);
      expect(p.note_zh, p.id).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const p of volc) {
      expect(p.provider).toBe('volcengine');
      expect(p.scope).toEqual({ locations: ['beijing'] });
    }
    for (const p of tencent) {
      expect(p.provider).toBe('tencent');
      expect(p.model).toMatch(/^deepseek-v4-/);
      expect(p.note).toContain("not Tencent's own Hunyuan");
      expect(p.note_zh).toContain('并非腾讯自研的混元');
    }
    for (const p of intl) {
      expect(p.provider).toBe('alibaba');
      expect(p.scope).toEqual({ locations: ['singapore'] });
      expect(p.service).toBe('Model Studio (International)');
    }
    // The China rows stay on the mainland.
    for (const p of from('alibaba-cn-')) expect(p.scope).toEqual({ jurisdiction: 'mainland' });
  });

  it('ship a tiered model at its lowest tier, saying so', () => {
    const row = tokens.find((p) => p.id === 'volcengine-litellm-doubao-seed-2.0-pro-input') as Price;
    expect(row.price).toBe(0.46);
    expect(row.note).toMatch(/lowest tier \(input up to 32K tokens\); longer inputs cost more/);
    expect(row.note_zh).toMatch(/此为最低一档/);
  });

  it('leave out the unpriced entries and keep the official Singapore rows over copies', () => {
    for (const m of ['qwen3-30b-a3b', 'qwen-image-2.0', 'qwen-image-2.0-pro'])
      expect(tokens.some((p) => p.model === m && p.scope.locations?.includes('singapore'))).toBe(false);
    expect(tokens.some((p) => p.model === 'hy3-preview')).toBe(false);
    for (const m of ['qwen-max', 'qwen-plus', 'qwen-turbo']) {
      const sg = tokens.filter((p) => p.model === m && p.scope.locations?.includes('singapore'));
      expect(sg.map((p) => p.grade)).toEqual(['official', 'official']);
    }
    // DeepSeek is not a provider: its own API prices are not shipped under any provider.
    expect(tokens.some((p) => p.provider === ('deepseek' as never))).toBe(false);
  });

  it('where litellm and models.dev disagree, ship the higher figures and name the other copy', () => {
    const row = tokens.find((p) => p.id === 'alibaba-intl-qwen3-next-80b-a3b-thinking-output') as Price;
    expect(row.price).toBe(6);
    expect(row.source).toContain('anomalyco/models.dev');
    expect(row.note).toMatch(/disagree.*litellm .*lists input USD 0\.15, output USD 1\.2/);
    expect(row.note_zh).toMatch(/不一致.*输入 0\.15 美元、输出 1\.2 美元/);
  });
});

describe('a token question on the shipped prices', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });
  const option = (a: Answer, provider: string, location: string) =>
    a.options.find((o) => o.provider === provider && o.location === location) as OptionAnswer;

  it('prices Doubao on Volcano Engine with its source, date and tier note', () => {
    const { answer } = engine.ask(
      'doubao-seed-2.0-pro on Volcano Engine, 40M input and 10M output tokens a month',
      '2026-12-06',
    );
    const bj = option(answer, 'volcengine', 'beijing');
    expect(bj).toBeDefined();
    const input = bj.lines.find((l) => l.component === 'model-input');
    const output = bj.lines.find((l) => l.component === 'model-output');
    expect(input?.unitPrice).toBe(0.46);
    expect(input?.currency).toBe('USD');
    expect(input?.monthly.expected).toBeCloseTo(18.4, 2);
    expect(output?.monthly.expected).toBeCloseTo(23, 2);
    expect(input?.source).toContain('RoCry/llm-api-price/blob/8442b939');
    expect(input?.asOf).toBe('2026-07-24');
    expect(input?.grade).toBe('second-hand');
    expect(input?.notes.join(' ')).toMatch(/longer inputs cost more/);
    const text = engine.text(answer);
    expect(text).toContain('USD 41.40/month');
    expect(text).toContain('as of 2026-07-24');
  });

  it('answers a Chinese Volcano Engine question with the Chinese note', () => {
    const { answer } = engine.ask('火山引擎 doubao-seed-2.0-lite 每月输入8000万、输出2000万token', '2026-12-06');
    const text = engine.text(answer);
    expect(text).toContain('此为最低一档');
    expect(text).not.toContain('lowest tier');
  });

  it('prices a Singapore model from the international rows, and a mainland one not from them', () => {
    const sg = engine.ask('qwen3-coder-plus in Singapore, 15M input and 5M output tokens a month', '2026-12-06');
    const line = option(sg.answer, 'alibaba', 'singapore').lines.find((l) => l.component === 'model-input');
    expect(line?.service).toBe('Model Studio (International)');
    expect(line?.unitPrice).toBe(1);
    const hz = engine.ask('qwen3-coder-flash in Hangzhou, 15M input and 5M output tokens a month', '2026-12-06');
    const cn = option(hz.answer, 'alibaba', 'hangzhou').lines.find((l) => l.component === 'model-input');
    expect(cn?.service).toBe('Model Studio (China)');
    for (const o of hz.answer.options)
      for (const l of o.lines)
        expect(l.service, `${o.provider}/${o.location}`).not.toBe('Model Studio (International)');
  });
});
