/**
 * Step 14, for a comparison: "1x L20 in Hangzhou vs 1x L4 on AWS Singapore" has two sides, each with its own place and
 * provider or its own GPU, that the flat request would mix up (AWS in Hangzhou, the L4 dropped). Each side is read on
 * its own; null when the text has not exactly two sides or they do not differ that way ("Alibaba vs Tencent in
 * Guangzhou" shares the place).
 * Otherwise two models on the same providers ("qwen-max vs deepseek-r1") or billing modes set against each other
 * ("on-demand vs 1yr reserved") are sides too: each priced on its own, the cheaper named.
 */
import type { Catalog } from '../../catalog/load.js';
import type { BillingMode } from '../../catalog/schema.js';
import type { Request } from '../request.js';
import type { Say } from '../say.js';
import { SIDE_SEPARATOR } from './intent.js';
import { type Parsed, placeName, providerName } from './state.js';

type Side = NonNullable<Request['sides']>[number];

export function readSides(
  text: string,
  req: Request,
  notes: string[],
  catalog: Catalog,
  parse: (part: string) => Parsed,
  say: Say,
  modes: readonly BillingMode[] = [],
): Request['sides'] {
  return placedSides(text, req, notes, catalog, parse, say) ?? modelOrModeSides(req, notes, say, modes);
}

const side = (over: Partial<Side>): Side => ({
  provider: null,
  location: null,
  gpu: null,
  model: null,
  billing: null,
  ...over,
});

/** The note that starts like `key`'s text (its words before the first value), taken out of `notes`. */
function dropNote(notes: string[], say: Say, key: string, value: string): void {
  const [start = ''] = say(key, { [value]: '\u0000' }).split('\u0000');
  const i = start ? notes.findIndex((n) => n.startsWith(start)) : -1;
  if (i >= 0) notes.splice(i, 1);
}

/**
 * "qwen-max vs deepseek-r1", "qwen-plus 和 qwen-max": two models the same providers sell, each priced on its own. "on-demand
 * vs 1yr reserved", "按量 和 包年": each billing mode priced on its own. Not when each provider has its own model already
 * (`modelByProvider`: "Baidu ernie-4.0 vs qwen-plus").
 */
function modelOrModeSides(req: Request, notes: string[], say: Say, modes: readonly BillingMode[]): Request['sides'] {
  const models = req.workload.models ?? [];
  if (models.length === 2 && !req.workload.modelByProvider) {
    dropNote(notes, say, 'parse.second-model', 'others');
    notes.push(say('parse.sides.models', { a: models[0] ?? '', b: models[1] ?? '' }));
    return models.map((model) => side({ model }));
  }
  if (modes.length >= 2 && !req.billing) {
    dropNote(notes, say, 'parse.modes-both', 'modes');
    notes.push(
      say('parse.sides.billing', { modes: modes.map((m) => say(`billing.${m}`)).join(say('parse.side.and')) }),
    );
    return modes.map((billing) => side({ billing }));
  }
  return null;
}

function placedSides(
  text: string,
  req: Request,
  notes: string[],
  catalog: Catalog,
  parse: (part: string) => Parsed,
  say: Say,
): Request['sides'] {
  const parts = text.split(SIDE_SEPARATOR).filter((p) => p.trim());
  if (parts.length !== 2) return null;
  const read = parts.map((p) => parse(p));
  const [a, b] = read.map(({ request: r }) =>
    side({
      provider: r.providers.length === 1 ? (r.providers[0] ?? null) : null,
      location: r.locations.length === 1 ? (r.locations[0] ?? null) : null,
      gpu: r.workload.gpu,
    }),
  ) as [Side, Side];
  const gpus = Boolean(a.gpu && b.gpu && a.gpu.model !== b.gpu.model);
  // "华为910B 对比 阿里H20，8卡": one count said for two GPUs is the count of both (like for like).
  const assumed = read.map((r) => Boolean(r.vague.gpuCountAssumed));
  if (gpus && a.gpu && b.gpu && assumed[0] !== assumed[1]) {
    if (assumed[0]) a.gpu = { ...a.gpu, count: b.gpu.count };
    else b.gpu = { ...b.gpu, count: a.gpu.count };
  }
  // "jkt or bkk for a kafka cluster, on tencent", "Tencent website, Singapore or Hong Kong?": one workload in two places,
  // the one provider named holds for both (with two GPUs, "L20 in Hangzhou vs L4 on AWS Singapore", it is the L4's).
  if (!gpus && req.providers.length === 1 && Boolean(a.provider) !== Boolean(b.provider)) {
    a.provider ??= b.provider;
    b.provider ??= a.provider;
  }
  const placed = Boolean(a.location && b.location && a.location !== b.location && a.provider !== b.provider);
  if (!placed && !gpus) return null;
  // "L4 vs T4 on AWS Tokyo": when only the GPUs differ, a provider or place said once holds for both sides.
  if (!placed)
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      x.provider ??= y.provider;
      x.location ??= y.location;
    }
  // Both sides on one placement ("L4 vs T4 on AWS Tokyo") cannot be told apart by where they run: not sides.
  if (a.provider === b.provider && a.location === b.location) return null;
  const [secondGpu = ''] = say('parse.second-gpu', { count: '\u0000' }).split('\u0000');
  const i = notes.findIndex((n) => n.startsWith(secondGpu));
  if (gpus && i >= 0) notes.splice(i, 1);
  const said = (s: Side) => {
    const gpu = s.gpu ?? req.workload.gpu;
    return [
      gpu ? say('parse.side.gpu', { count: gpu.count, model: gpu.model }) : '',
      s.provider ? say('parse.side.on', { provider: providerName(catalog, say, s.provider) }) : say('parse.side.any'),
      s.location ? say('parse.side.in', { place: placeName(catalog, say, s.location) }) : '',
    ]
      .filter(Boolean)
      .join(say('parse.side.sep'));
  };
  notes.push(say('parse.sides', { a: said(a), b: said(b) }));
  return [a, b];
}
