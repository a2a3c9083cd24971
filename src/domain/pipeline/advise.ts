/**
 * Stage 3b, advise: the recommendation drawn from the ranked options.
 */
import type { Answer, OptionAnswer } from '../answer.js';
import type { Request } from '../request.js';
import type { PipelineContext } from './context.js';

export function advise(_ctx: PipelineContext, req: Request, shown: OptionAnswer[]): Answer['recommendation'] {
  const top = shown[0];
  if (!top || req.intent === 'questions') return null;
  const why = top.reasons.filter((r) => r.score > 0).slice(0, 1)[0];
  return {
    option: 0,
    text: `${top.providerName} in ${top.locationName}${top.regionIds[0] ? ` (${top.regionIds[0]})` : ''}${why ? ` — ${why.text}` : ''}`,
  };
}
