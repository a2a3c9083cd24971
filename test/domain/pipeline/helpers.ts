/** One loaded project and pipeline context for the stage tests, and requests built directly. */
import { loadProject } from '../../../src/catalog/load.js';
import { DEFAULT_OPTIONS, makeContext, type PipelineContext } from '../../../src/domain/pipeline/context.js';
import { emptyRequest, type Request } from '../../../src/domain/request.js';
import type { Engine } from '../../../src/engine.js';

let cached: PipelineContext | null = null;
export function context(): PipelineContext {
  cached ??= makeContext(loadProject(), DEFAULT_OPTIONS);
  return cached;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? Partial<T[K]> : T[K] };

export function request(over: DeepPartial<Request> & { workload?: Partial<Request['workload']> }): Request {
  const base = emptyRequest('estimate');
  return {
    ...base,
    ...over,
    workload: { ...base.workload, ...(over.workload ?? {}) },
    signals: { ...base.signals, ...(over.signals ?? {}) },
  } as Request;
}

export const TODAY = '2026-11-23';

/** A question asked of a whole engine on TODAY: the answer, the request it was read as, and the answer's text. */
export function askEngine(engine: Engine, text: string) {
  const { answer, request } = engine.ask(text, TODAY);
  return { answer, request, text: engine.text(answer) };
}
