/** A facts question is answered on its topic: the SLA, support, data export, ICP filing — or says the catalogue has none. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const ask = (text: string) => {
  const { answer } = engine.ask(text, TODAY);
  return { answer, text: engine.text(answer) };
};

describe('facts answers stay on the topic asked about', () => {
  it('an SLA question with no SLA fact says so and gives the question that gets it, not ICP or billing facts', () => {
    const { answer, text } = ask("what's the SLA on Alibaba ECS and what credits do we get if it breaks?");
    expect(text).toMatch(/no sourced fact on the SLA and its service credits for Alibaba Cloud/);
    expect(text).not.toMatch(/ICP/);
    expect(answer.facts.map((f) => f.id)).not.toContain('alibaba-payg-billing');
    expect(answer.topQuestions.map((q) => q.text).join(' ')).toMatch(/uptime.*service credit/);
    expect(text).toMatch(/Questions to raise with the vendor/);
  });

  it('the same in Chinese', () => {
    const { text } = ask('华为云 ECS 的 SLA 是多少？故障赔偿怎么算？');
    expect(text).toMatch(/目录中没有华为云关于SLA及服务赔偿/);
    expect(text).toMatch(/应向厂商提出的问题/);
  });

  it('a Hong Kong personal-data question names the three mechanisms, the thresholds and Hong Kong, with sources', () => {
    const { answer, text } = ask(
      "can we keep Chinese users' personal data in Hong Kong instead of the mainland? does that count as export?",
    );
    expect(text).toMatch(/security assessment/);
    expect(text).toMatch(/standard contract/);
    expect(text).toMatch(/certification/);
    expect(text).toMatch(/100,000/);
    expect(text).toMatch(/\*Hong Kong\* is outside the mainland/);
    const ids = answer.facts.map((f) => f.id);
    for (const id of [
      'cac-2024-security-assessment-threshold',
      'cac-2024-standard-contract-threshold',
      'cac-2024-small-volume-exemption',
      'pipl-export-mechanisms',
    ])
      expect(ids).toContain(id);
    expect(ids).not.toContain('alibaba-outage-2023-11');
    expect(ids).not.toContain('ucloud-regions-31');
  });

  it('a Chinese threshold question gets the thresholds in Chinese', () => {
    const { text } = ask('用户数据出境到新加坡，达到多少人需要做安全评估？');
    expect(text).toMatch(/数量门槛/);
    expect(text).toMatch(/10万人/);
    expect(text).toMatch(/标准合同/);
  });

  it('every fact a lead sentence cites is listed with its source', () => {
    const { answer } = ask('does Tencent Cloud do ICP filing for a mini program backend hosted in Hong Kong?');
    const cited = answer.lead.flatMap((l) =>
      [...l.matchAll(/\[([a-z0-9, -]+)\]/g)].flatMap((m) => m[1]?.split(/,\s*/)),
    );
    expect(cited.length).toBeGreaterThan(0);
    for (const id of cited) expect(answer.facts.map((f) => f.id)).toContain(id);
  });
});
