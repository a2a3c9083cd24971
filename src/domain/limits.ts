/**
 * Sanity limits on what a question may ask for. A request outside them gets one sentence saying which
 * number is wrong and what is accepted, instead of an estimate on a number nobody meant. The sentences are
 * messages (templates/<lang>/errors.yaml), in the asker's language.
 */
import { formatDecimal } from './number-format.js';
import type { Request } from './request.js';
import type { Say } from './say.js';

/** Each limit and its words' key (`limit.<key>.what`, `limit.<key>.most` in templates/<lang>/errors.yaml). */
export const LIMITS = {
  vcpu: { max: 1024, key: 'vcpu' },
  memoryGiB: { max: 24_576, key: 'memory' },
  instances: { max: 100_000, key: 'instances' },
  gpus: { max: 10_000, key: 'gpus' },
  storageGB: { max: 100_000_000, key: 'storage' },
  egressGBPerMonth: { max: 100_000_000, key: 'egress' },
  durationMonths: { max: 120, key: 'months' },
  hoursPerMonth: { max: 744, key: 'hours' },
  tokens: { max: 1e13, key: 'tokens' },
} as const;

/** `Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })`'s digits, without loading Intl's locale data at start-up. */
const fmt = (n: number) => formatDecimal(n, 0, 2);

/** Problems with the raw text that the parser would otherwise silently misread. */
export function textProblem(text: string, say: Say): string | null {
  const sci = /(?<![\w.])(\d+(?:\.\d+)?e[+-]?\d+)(?![\w.])/i.exec(text);
  if (sci) return say('error.scientific', { said: sci[1] ?? '' });
  const neg =
    /(?:^|[\s,(:])-(\d+(?:\.\d+)?)\s*(?:x\s*)?(?:vcpus?|cores?|c\b|gb|gib|tb|g\b|t\b|gpus?|instances?|servers?|nodes?|months?|years?|hours?|tokens?|[a-z]\d|核|张|卡|台|个月|年|小时)/i.exec(
      text,
    );
  if (neg) return say('error.negative', { said: neg[1] ?? '' });
  return null;
}

/** Intents that price nothing: a number in them ("we need ~2000 cores", "the 99.95% SLA") is no machine to refuse. */
const PRICES_NOTHING: ReadonlySet<Request['intent']> = new Set(['facts', 'questions']);

/** The first limit the request breaks, as one sentence; null when it is within every limit (or nothing is priced). */
export function limitProblem(req: Request, say: Say): string | null {
  if (PRICES_NOTHING.has(req.intent)) return null;
  const wl = req.workload;
  const check = (value: number | null | undefined, name: keyof typeof LIMITS): string | null => {
    if (value === null || value === undefined) return null;
    const { key } = LIMITS[name];
    const what = say(`limit.${key}.what`);
    if (!Number.isFinite(value) || value <= 0) return say('error.limit.not-positive', { value: fmt(value), what });
    if (value > LIMITS[name].max)
      return say('error.limit.over', { value: fmt(value), what, most: say(`limit.${key}.most`) });
    return null;
  };
  return (
    check(wl.vcpu, 'vcpu') ??
    check(wl.memoryGiB, 'memoryGiB') ??
    check(wl.instances, 'instances') ??
    check(wl.gpu ? wl.gpu.count * (wl.instances ?? 1) : null, 'gpus') ??
    check(wl.storageGB, 'storageGB') ??
    check(wl.egressGBPerMonth, 'egressGBPerMonth') ??
    check(req.durationMonths, 'durationMonths') ??
    check(wl.hoursPerMonth, 'hoursPerMonth') ??
    (wl.tokensPerMonth ? check(wl.tokensPerMonth.input + wl.tokensPerMonth.output || null, 'tokens') : null)
  );
}
