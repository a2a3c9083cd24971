/**
 * A quote checked against the catalogue says when the catalogue's price is one account's transaction price (which may
 * carry that account's discounts) rather than a list price, in both languages; a list price is not called that.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, loadEngine } from '../../../src/engine.js';
import { TODAY } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const verdict = (text: string) => engine.ask(text, TODAY).answer.quoteCheck?.lines[0] ?? '';

describe('a quote checked against an account price', () => {
  it('names the kind of price it is compared with', () => {
    expect(verdict('alibaba quoted 8.5 CNY/hour for ecs.gn7i-c8g1.2xlarge in hangzhou, fair?')).toMatch(
      /one account's transaction price, which may carry that account's discounts, not a list price/,
    );
    expect(verdict('阿里云给我们报价 ecs.gn7i-c8g1.2xlarge 杭州 每小时 8.5 元，合理吗')).toMatch(/为某个账号的成交价/);
  });

  it('does not call a list price an account price', () => {
    expect(verdict('alibaba quoted 0.9 CNY/hour for ecs.g7.xlarge in hangzhou, fair?')).not.toMatch(
      /transaction price/,
    );
  });
});
