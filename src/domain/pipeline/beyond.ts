/**
 * What the price cannot show (runs after rank, on the options shown): that a GPU price is not GPU capacity, that a
 * mainland region serving the public needs an ICP filing first, that personal data crossing the border needs an
 * export mechanism. One sentence each, only when it applies, citing the catalogued fact.
 */
import type { Jurisdiction } from '../../catalog/schema.js';
import type { Answer, OptionAnswer } from '../answer.js';
import type { Request } from '../request.js';
import type { PipelineContext } from './context.js';

/** Workloads that typically hold users' personal data (a service, its data, its files). */
const USER_DATA_KINDS = new Set(['web', 'inference', 'data-platform', 'storage']);

export function beyondPrice(
  ctx: PipelineContext,
  input: { req: Request; options: OptionAnswer[]; audience: Jurisdiction | null; gpu: boolean },
): Answer['beyondPrice'] {
  const { req, options, audience } = input;
  const say = ctx.say(req.lang);
  const out: NonNullable<Answer['beyondPrice']> = [];
  const regions = (os: OptionAnswer[]) =>
    [...new Set(os.map((o) => o.regionIds[0] ?? o.location))].join(say('list.sep'));
  const cite = (id: string) => (ctx.factById.has(id) ? [id] : []);
  // Said already under an option (a placement reason citing the same fact): not said again.
  const said = (id: string) => options.some((o) => [...o.reasons, ...o.flags].some((r) => r.cites.includes(id)));
  if (input.gpu && options.length) {
    const gpu = req.workload.gpu;
    const gpus = gpu ? say('rule.gpus', { count: gpu.count, model: gpu.model }) : say('rule.the-gpus');
    out.push({
      topic: 'capacity',
      text: say('beyond.capacity', { gpus, regions: regions(options) }),
      cites: options.some((o) => o.provider === 'alibaba') ? cite('alibaba-gpu-varies-by-region') : [],
    });
  }
  const mainland = options.filter((o) => o.jurisdiction === 'mainland');
  const publicService = req.workload.kind === 'web' || req.workload.kind === 'inference' || audience === 'mainland';
  if (mainland.length && publicService && !said('alibaba-icp-required'))
    out.push({
      topic: 'icp',
      text: say('beyond.icp', { regions: regions(mainland) }),
      cites: cite('alibaba-icp-required'),
    });
  const offshore = options.filter((o) => o.jurisdiction !== 'mainland');
  const personal = req.signals.personalData || req.signals.commercePlatforms.length > 0;
  const exportMatters =
    offshore.length && (audience === 'mainland' || mainland.length) && !said('pipl-export-mechanisms');
  // Options on both sides of the border for a service that may hold users' data: the choice itself decides whether
  // the data leaves the mainland, so the mechanism is named even when the question did not mention personal data.
  const mayHoldUserData = USER_DATA_KINDS.has(req.workload.kind ?? '');
  if (exportMatters && (personal || (mayHoldUserData && mainland.length)))
    out.push({
      topic: 'export',
      text: say(personal ? 'beyond.export' : 'beyond.export-if', { regions: regions(offshore) }),
      cites: cite('pipl-export-mechanisms'),
    });
  return out;
}
