/**
 * Step 11: the rest of the request from the lexicon's words: currency, workload kind, and the signals the answer
 * weighs (commerce platforms, personal data, production, renewal, another country's data law named).
 */
import type { CompiledLexicon } from './lexicon.js';
import { fold } from './literal-gate.js';
import type { ParseState } from './state.js';

export function readSignals(s: ParseState, lx: CompiledLexicon): void {
  const { req, wl, vague } = s;
  const low = s.text.toLowerCase();
  const folded = fold(low);
  for (const c of lx.currency) if (!req.currency && c.res.some((r) => r.test(low, folded))) req.currency = c.code;
  if (/\bin\s+(?:usd|dollars?|us\s*dollars?)\b|用美元|以美元/i.test(low)) req.currency = 'USD';
  if (/\bin\s+(?:rmb|cny|yuan|renminbi)\b|用人民币|以人民币/i.test(low)) req.currency = 'CNY';
  // "qwen-plus vs deepseek-v3 for a rag chatbot, 400M in / 80M out": token volumes with nothing to run them on are bought
  // through a model API, whatever the product is (a chatbot, an agent, a search).
  if ((wl.tokensPerMonth || vague.tokensWithoutSplit) && !wl.gpu && !wl.vcpu && !wl.instanceType) wl.kind = 'model-api';
  // A model platform named ("方舟大模型的年框", "qianfan pricing") sells model APIs: what is bought there is one, unless
  // machines to run a model on are named, or a training run or inference is ("a modelarts inference deal"); its
  // "大模型" is the platform's models (model_words), not a model to serve.
  const families = lx.families.filter((f) => f.re.test(low));
  const platform = !wl.gpu && !wl.vcpu && !wl.instanceType && families.some((f) => f.platform);
  // "serving qwen3-32b on 4x L20", "部署 llama-3-70b 在两张 H20 上": with machines to run it on, a model's name is a
  // model to serve, read as the word "model" ("serving a model"); with none, it is the model's API ("serving doubao").
  const kindText = wl.gpu || wl.vcpu || wl.instanceType ? modelsAsWord(low, s.modelSpans) : low;
  const kindFolded = kindText === low ? folded : fold(kindText);
  for (const k of lx.kinds) {
    if (wl.kind) break;
    if (platform && k.kind !== 'model-api' && k.kind !== 'training' && k.kind !== 'inference') {
      wl.kind = 'model-api';
      break;
    }
    // A model API is what is bought when a model or tokens are named, unless GPUs to run it on are ("qwen2.5-72b on 4x A100").
    // ("豆包 接口 给小程序用": a family named is a model named)
    const modelNamed = wl.model || families.length || wl.tokensPerMonth || vague.tokensWithoutSplit;
    if (k.kind === 'model-api' && (!modelNamed || wl.gpu)) continue;
    if (
      k.res.some((r) => r.test(kindText, kindFolded)) ||
      (!platform && k.modelWords.some((r) => r.test(kindText, kindFolded))) ||
      (wl.gpu && k.gpuWords.some((r) => r.test(kindText, kindFolded)))
    )
      wl.kind = k.kind;
  }
  // "nightly embedding batch", "overnight OCR on 4x T4": a kind said with words that make another kind win over it.
  for (const k of lx.kinds)
    if (k.over && wl.kind === k.over.kind && k.over.res.some((r) => r.test(kindText, kindFolded))) wl.kind = k.kind;
  if (!wl.kind && wl.model && !wl.gpu) wl.kind = 'model-api';
  // Only data kept ("about 1PB kept, rarely read", "保留 200T 三年"): a storage workload.
  const compute = wl.gpu || wl.vcpu || wl.memoryGiB || wl.instanceType || wl.instances !== null || wl.model;
  if (!wl.kind && wl.storageGB !== null && !compute && !wl.tokensPerMonth) wl.kind = 'storage';
  for (const c of lx.commerce) if (c.res.some((r) => r.test(low, folded))) req.signals.commercePlatforms.push(c.id);
  // "PDPL in saudi", "印尼 PDP 法": another country's data law (the answer keeps China's rules out unless the data is
  // said to be in or leave mainland China).
  const law = lx.foreignLaws.find((l) => l.res.some((r) => r.test(low, folded)));
  if (law) req.signals.foreignDataLaw = { id: law.id, alsoChina: lx.chinaLawContext.some((r) => r.test(low, folded)) };
  req.signals.personalData = lx.personal.some((r) => r.test(low, folded));
  if (lx.prodYes.some((r) => r.test(low, folded))) req.signals.production = true;
  else if (lx.prodNo.some((r) => r.test(low, folded)) || wl.kind === 'dev') req.signals.production = false;
  req.signals.renewal = lx.renewal.some((r) => r.test(low, folded));
  // A model family named with nothing to run it on ("文心一言多少钱") is a model-API question.
  if (!wl.kind && !wl.gpu && !wl.vcpu && !wl.instanceType && families.length) wl.kind = 'model-api';
  // A model named on a model platform ("百炼上的通义大模型 推理", "qianfan ernie inference") is sold as an API: its
  // "inference" is what the API serves, not a server to run (a platform alone, "a modelarts inference deal", may host
  // one's own model).
  const hardware = wl.gpu || wl.vcpu || wl.instanceType || wl.memoryGiB || wl.instances !== null;
  if (!hardware && wl.kind === 'inference' && families.some((f) => f.platform) && families.some((f) => !f.platform))
    wl.kind = 'model-api';
}

/** The text with each model name said replaced by the word "model". */
function modelsAsWord(low: string, spans: { start: number; end: number }[] | undefined): string {
  if (!spans?.length) return low;
  return [...spans]
    .sort((a, b) => b.start - a.start)
    .reduce((t, m) => `${t.slice(0, m.start)} model ${t.slice(m.end)}`, low);
}
