/**
 * Sanity limits on what a question may ask for. A request outside them gets one sentence saying which
 * number is wrong and what is accepted, instead of an estimate on a number nobody meant.
 */
import type { Request } from './request.js';

export const LIMITS = {
  vcpu: { max: 1024, what: 'vCPU per instance', most: '1,024 vCPU per instance' },
  memoryGiB: { max: 24_576, what: 'GiB of memory per instance', most: '24,576 GiB per instance' },
  instances: { max: 100_000, what: 'instances', most: '100,000 instances' },
  gpus: { max: 10_000, what: 'GPUs', most: '10,000 GPUs' },
  storageGB: { max: 100_000_000, what: 'GB of storage', most: '100 PB of storage' },
  egressGBPerMonth: { max: 100_000_000, what: 'GB of egress a month', most: '100 PB of egress a month' },
  durationMonths: { max: 120, what: 'months', most: '120 months (10 years)' },
  hoursPerMonth: { max: 744, what: 'hours a month', most: '744 hours a month' },
  tokens: { max: 1e13, what: 'tokens a month', most: '10 trillion tokens a month' },
} as const;

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Problems with the raw text that the parser would otherwise silently misread. */
export function textProblem(text: string): string | null {
  const sci = /(?<![\w.])(\d+(?:\.\d+)?e[+-]?\d+)(?![\w.])/i.exec(text);
  if (sci) return `Write numbers in full: "${sci[1]}" is not accepted.`;
  const neg =
    /(?:^|[\s,(:])-(\d+(?:\.\d+)?)\s*(?:x\s*)?(?:vcpus?|cores?|c\b|gb|gib|tb|g\b|t\b|gpus?|instances?|servers?|nodes?|months?|years?|hours?|tokens?|[a-z]\d)/i.exec(
      text,
    );
  if (neg) return `Sizes cannot be negative: "-${neg[1]}" was asked for.`;
  return null;
}

/** The first limit the request breaks, as one sentence; null when it is within every limit. */
export function limitProblem(req: Request): string | null {
  const wl = req.workload;
  const check = (
    value: number | null | undefined,
    limit: { max: number; what: string; most: string },
  ): string | null => {
    if (value === null || value === undefined) return null;
    if (!Number.isFinite(value) || value <= 0)
      return `"${fmt(value)} ${limit.what}" cannot be priced: it must be more than 0.`;
    if (value > limit.max)
      return `${fmt(value)} ${limit.what} is more than I accept (at most ${limit.most}): check the number.`;
    return null;
  };
  return (
    check(wl.vcpu, LIMITS.vcpu) ??
    check(wl.memoryGiB, LIMITS.memoryGiB) ??
    check(wl.instances, LIMITS.instances) ??
    check(wl.gpu ? wl.gpu.count * (wl.instances ?? 1) : null, LIMITS.gpus) ??
    check(wl.storageGB, LIMITS.storageGB) ??
    check(wl.egressGBPerMonth, LIMITS.egressGBPerMonth) ??
    check(req.durationMonths, LIMITS.durationMonths) ??
    check(wl.hoursPerMonth, LIMITS.hoursPerMonth) ??
    (wl.tokensPerMonth ? check(wl.tokensPerMonth.input + wl.tokensPerMonth.output || null, LIMITS.tokens) : null)
  );
}
