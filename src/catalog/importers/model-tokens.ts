/**
 * Model-API token prices from two hand-kept public price lists (shared/datasets/PROVENANCE.md §6 and §7):
 *
 * - litellm's `model_prices_and_context_window.json` (USD per token, or `tiered_pricing` by input length);
 * - models.dev's provider folders (TOML, `[cost]` in USD per million tokens, `[[cost.tiers]]` above a context size).
 *
 * Both become `model-tokens` rows in USD per million tokens, one input and one output row per model. A tiered model
 * is priced at its lowest tier and the row's note (in English and Chinese) names that tier's range and every higher
 * tier's price: longer inputs cost more. Entries with no price or a zero price are left out and counted
 * (PROVENANCE.md §6(a), §7(b)). Nothing is converted or rounded beyond turning per-token into per-million figures.
 */
import type { Price, Scope } from '../schema.js';
import { type ImportSkip, idPart, SkipCounter } from './skypilot.js';

/** One price tier: input and output USD per million tokens for requests whose input is from `from` to `to` tokens. */
export interface TokenTier {
  from: number;
  /** null: no upper end stated. */
  to: number | null;
  input: number;
  output: number;
  /** Output in thinking mode, where the source prices it apart. */
  reasoningOutput?: number;
}

/** A model's prices as a source states them: the tiers, lowest first (one tier when the price is flat). */
export interface TokenPricing {
  tiers: TokenTier[];
  /** Upstream words for the quote: the key and the figures as written. */
  quote: string;
}

/** Per token → per million tokens, without floating-point noise (4.6e-07 → 0.46, not 0.45999999999999996). */
export function perMillion(perToken: number): number {
  return Number((perToken * 1e6).toPrecision(12));
}

/**
 * A number as the upstream file writes it (Python's json.dumps, which wrote litellm's file): exponent form below
 * 1e-4 with a two-digit exponent ("4.6e-07"), so the quote is the file's own text.
 */
export function pyNumber(v: unknown): string {
  if (typeof v !== 'number') return String(v);
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * One litellm entry's prices, or the reason it has none: flat `input_cost_per_token`/`output_cost_per_token`, or
 * `tiered_pricing` with a `range` of input tokens per tier.
 */
export function litellmPricing(key: string, entry: Record<string, unknown>): TokenPricing | { skip: string } {
  const tiered = entry.tiered_pricing;
  if (Array.isArray(tiered) && tiered.length > 0) {
    const pairs: { raw: Record<string, unknown>; tier: TokenTier }[] = [];
    for (const raw of tiered as Record<string, unknown>[]) {
      const range = Array.isArray(raw.range) ? (raw.range as unknown[]) : [];
      const input = num(raw.input_cost_per_token);
      const output = num(raw.output_cost_per_token);
      const from = num(range[0]);
      if (input === undefined || output === undefined || from === undefined)
        return { skip: 'tiered entries with a tier missing its input or output price or range' };
      const reasoning = num(raw.output_cost_per_reasoning_token);
      pairs.push({
        raw,
        tier: {
          from,
          to: num(range[1]) ?? null,
          input: perMillion(input),
          output: perMillion(output),
          ...(reasoning !== undefined ? { reasoningOutput: perMillion(reasoning) } : {}),
        },
      });
    }
    pairs.sort((a, b) => a.tier.from - b.tier.from);
    const lowest = (pairs[0] as { raw: Record<string, unknown> }).raw;
    return {
      tiers: pairs.map((x) => x.tier),
      quote:
        `"${key}": tiered_pricing (${pairs.length} tiers); lowest: "range": [${(lowest.range as unknown[]).map(String).join(', ')}], ` +
        `"input_cost_per_token": ${pyNumber(lowest.input_cost_per_token)}, "output_cost_per_token": ${pyNumber(lowest.output_cost_per_token)}`,
    };
  }
  const input = num(entry.input_cost_per_token);
  const output = num(entry.output_cost_per_token);
  if (input === undefined || output === undefined) return { skip: 'entries with no input or output price at all' };
  const reasoning = num(entry.output_cost_per_reasoning_token);
  return {
    tiers: [
      {
        from: 0,
        to: null,
        input: perMillion(input),
        output: perMillion(output),
        ...(reasoning !== undefined ? { reasoningOutput: perMillion(reasoning) } : {}),
      },
    ],
    quote:
      `"${key}": "input_cost_per_token": ${pyNumber(entry.input_cost_per_token)}, "output_cost_per_token": ${pyNumber(entry.output_cost_per_token)}` +
      (reasoning !== undefined
        ? `, "output_cost_per_reasoning_token": ${pyNumber(entry.output_cost_per_reasoning_token)}`
        : ''),
  };
}

/**
 * A models.dev TOML file's prices, or the reason it has none. Reads `[cost]` (input, output, reasoning) and each
 * `[[cost.tiers]]` (`tier = { size = N }`: the price for inputs above N tokens). A file that is only a path (git
 * stores a symbolic link that way) has no price of its own.
 */
export function modelsDevPricing(file: string, text: string): TokenPricing | { skip: string } {
  if (!/^\s*\[cost\]\s*$/m.test(text)) {
    if (/^[.\w/-]+\.toml\s*$/.test(text.trim()))
      return { skip: 'files that are a link to another model file (git symlink stored as text), not a price' };
    return { skip: 'models with no [cost] table' };
  }
  const blocks = text.split(/^(?=\[)/m);
  const cost = blocks.find((b) => /^\[cost\]\s*$/m.test(b.split('\n')[0] ?? '')) ?? '';
  const read = (block: string, k: string) => {
    const m = new RegExp(`^${k}\\s*=\\s*([0-9._]+)\\s*$`, 'm').exec(block);
    return m ? Number((m[1] as string).replace(/_/g, '')) : undefined;
  };
  const input = read(cost, 'input');
  const output = read(cost, 'output');
  if (input === undefined || output === undefined) return { skip: 'models with no input or output price' };
  const reasoning = read(cost, 'reasoning');
  const tiers: TokenTier[] = [
    { from: 0, to: null, input, output, ...(reasoning !== undefined ? { reasoningOutput: reasoning } : {}) },
  ];
  const quoteTiers: string[] = [];
  for (const b of blocks.filter((x) => /^\[\[cost\.tiers\]\]/.test(x))) {
    // `tier = { size = 256_000 }` or `tier = { type = "context", size = 128_000 }`.
    const size = /^tier\s*=\s*\{[^}\n]*\bsize\s*=\s*([0-9_]+)[^}\n]*\}/m.exec(b)?.[1];
    const ti = read(b, 'input');
    const to = read(b, 'output');
    if (!size || ti === undefined || to === undefined)
      return { skip: 'models with a [[cost.tiers]] entry that has no size, input or output' };
    const from = Number(size.replace(/_/g, ''));
    const prev = tiers[tiers.length - 1] as TokenTier;
    prev.to = from;
    tiers.push({ from, to: null, input: ti, output: to });
    quoteTiers.push(`[[cost.tiers]] size ${size}: input ${ti}, output ${to}`);
  }
  return {
    tiers,
    quote:
      `${file} [cost] input = ${input}, output = ${output}` +
      (reasoning !== undefined ? `, reasoning = ${reasoning}` : '') +
      (quoteTiers.length ? `; ${quoteTiers.join('; ')}` : ''),
  };
}

/** "32K", "1M", "252K": a token count as price pages write it. */
export function tokensShort(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000) return `${Number((n / 1000).toFixed(3))}K`;
  return String(n);
}

/**
 * What a tiered price leaves out, in English and Chinese: which tier the row is, and the higher tiers' prices.
 * Empty for a flat price. Thinking-mode output, where the source prices it apart, is named too.
 */
export function tierNotes(p: TokenPricing, direction: 'input' | 'output'): { en: string; zh: string } {
  const en: string[] = [];
  const zh: string[] = [];
  const [low, ...higher] = p.tiers;
  if (low && higher.length > 0) {
    const upTo = low.to !== null ? tokensShort(low.to) : '';
    const word = direction === 'input' ? '输入' : '输出';
    const span = (t: TokenTier, zhText: boolean) =>
      t.to !== null
        ? `${tokensShort(t.from)}–${tokensShort(t.to)}`
        : zhText
          ? `${tokensShort(t.from)} 以上`
          : `over ${tokensShort(t.from)}`;
    en.push(
      `tiered by input length per request: this is the lowest tier (input up to ${upTo} tokens); longer inputs cost ` +
        `more: ${higher.map((t) => `${span(t, false)} USD ${t[direction]}`).join(', ')} per million ${direction} tokens`,
    );
    zh.push(
      `按单次请求的输入长度分档计价：此为最低一档（输入不超过 ${upTo} token）；输入越长越贵：` +
        `${higher.map((t) => `${span(t, true)} 每百万${word} token ${t[direction]} 美元`).join('，')}`,
    );
  }
  if (direction === 'output' && low?.reasoningOutput !== undefined && low.reasoningOutput !== low.output) {
    en.push(`thinking-mode output is USD ${low.reasoningOutput} per million tokens`);
    zh.push(`思考模式的输出为每百万 token ${low.reasoningOutput} 美元`);
  }
  return { en: en.join('; '), zh: zh.join('；') };
}

/** Where the rows go and what they say: everything but the figures. */
export interface TokenTarget {
  provider: string;
  service: string;
  scope: Scope;
  idPrefix: string;
  source: string;
  as_of: string;
  dated: 'page' | 'retrieved';
  /** The caveats every row of this target carries, in English and Chinese. */
  note: string;
  note_zh: string;
}

/** A model's input and output rows; `extra` adds per-model caveats (both languages) after the tier notes. */
export function tokenRows(
  target: TokenTarget,
  model: string,
  pricing: TokenPricing,
  extra?: { en: string; zh: string },
): Price[] {
  const low = pricing.tiers[0] as TokenTier;
  return (['input', 'output'] as const).map((direction) => {
    const tier = tierNotes(pricing, direction);
    const en = [target.note, tier.en, extra?.en].filter(Boolean).join('; ');
    const zh = [target.note_zh, tier.zh, extra?.zh].filter(Boolean).join('；');
    return {
      id: `${target.idPrefix}-${idPart(model)}-${direction}`,
      provider: target.provider,
      kind: 'model-tokens',
      service: target.service,
      model,
      direction,
      scope: target.scope,
      billing: 'payg',
      unit: 'million-tokens',
      price: low[direction],
      currency: 'USD',
      source: target.source,
      as_of: target.as_of,
      dated: target.dated,
      grade: 'second-hand',
      quote: pricing.quote,
      note: en,
      note_zh: zh,
    } as Price;
  });
}

/** Priced or not: a zero input and output is no per-token price (a subscription plan, a free preview). */
export function isPriced(p: TokenPricing): boolean {
  const low = p.tiers[0];
  return Boolean(low && low.input > 0 && low.output > 0);
}

/**
 * Volcano Engine's API model ids carry a version date and write "2.0" as "2-0" (doubao-seed-2-0-pro-260215); the
 * model is sold and asked for as doubao-seed-2.0-pro (the catalogue already writes doubao-seed-1.6 so).
 */
export function volcengineModelName(apiId: string): string {
  return apiId.replace(/-\d{6}$/, '').replace(/(\d)-(\d)(?=-|$)/g, '$1.$2');
}

export { type ImportSkip, SkipCounter };
