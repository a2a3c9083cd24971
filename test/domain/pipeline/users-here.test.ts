/**
 * Where the users are decides a placement: "players in Japan and Korea" places the service in Tokyo and Seoul (not in
 * each provider's default regions, and "outside the mainland" is not "near"); a training job ignores where users are.
 * A choice across the border for a service names the data-export mechanisms, conditionally.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const headline = (a: ReturnType<Engine['ask']>['answer']) => a.recommendation?.text ?? a.noRecommendation?.text ?? '';

describe('users in named cities outside the mainland', () => {
  it('places a service where the users are, and says why', () => {
    const { answer } = engine.ask(
      'best region for game servers for players in Japan and Korea, 10x 16 vCPU 32 GB',
      TODAY,
    );
    const top = answer.options.slice(0, 4).map((o) => o.location);
    expect(top.every((l) => l === 'tokyo' || l === 'seoul')).toBe(true);
    expect(headline(answer)).toMatch(/The users are in (Seoul|Tokyo)/);
    expect(
      answer.options.some((o) => o.location === 'singapore' && o.reasons.some((r) => /users are/.test(r.text))),
    ).toBe(false);
  });

  it('says so in Chinese', () => {
    const { answer } = engine.ask('我们的用户主要在日本，服务器放哪里好 8核16G 两台', TODAY);
    expect(answer.options[0]?.location).toBe('tokyo');
    expect(headline(answer)).toMatch(/^用户在东京/);
  });

  it('does not narrow a training job to where its users are', () => {
    const { answer } = engine.ask('where to run training for players in Japan, 2x A100', TODAY);
    expect(headline(answer)).not.toMatch(/The users are in/);
  });
});

describe('a service choice across the border', () => {
  it('names the data-export mechanisms when the options straddle it, even without personal data said', () => {
    const en = engine.ask('2x A10 inference Hangzhou vs Singapore 3 months', TODAY).answer;
    expect(en.beyondPrice?.find((b) => b.topic === 'export')?.text).toMatch(/^\*Data export:\* if this service holds/);
    const zh = engine.ask('杭州和新加坡 2张A10 推理 3个月 哪个划算', TODAY).answer;
    expect(zh.beyondPrice?.find((b) => b.topic === 'export')?.text).toMatch(/^\*数据出境：\*如果这项服务会处理/);
  });

  it('does not for a training job', () => {
    const { answer } = engine.ask('2x A100 training Hangzhou vs Singapore 1 month', TODAY);
    expect(answer.beyondPrice?.some((b) => b.topic === 'export')).toBe(false);
  });
});
