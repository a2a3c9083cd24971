/**
 * The answer's sentences by language (src/domain/say.ts, templates/<lang>/messages.yaml): a key is filled in the
 * asker's language, and a messages file missing a key is refused by the loader, so no user sees a bare key.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, readProject } from '../../src/catalog/load.js';
import { fill, sayer } from '../../src/domain/say.js';
import { copyProject, REPO_ROOT, removeDir } from '../helpers/project.js';

describe('say', () => {
  const messages = {
    en: { 'gap.none': 'no {{gpu}} price in {{place}}', only: 'English only' },
    zh: { 'gap.none': '{{place}}没有{{gpu}}的价格' },
  };

  it('writes the sentence in the asked language with its values', () => {
    expect(sayer(messages, 'zh')('gap.none', { gpu: 'A10', place: '杭州' })).toBe('杭州没有A10的价格');
    expect(sayer(messages, 'en')('gap.none', { gpu: 'A10', place: 'Hangzhou' })).toBe('no A10 price in Hangzhou');
    expect(sayer(messages, 'zh').lang).toBe('zh');
  });

  it('falls back to English, then to the key, rather than an empty sentence', () => {
    expect(sayer(messages, 'zh')('only')).toBe('English only');
    expect(sayer(messages, 'zh')('no.such.key')).toBe('no.such.key');
  });

  it('writes a date value as Chinese readers do in Chinese, and as it is in English', () => {
    const m = { en: { asof: 'as of {{date}}' }, zh: { asof: '截至 {{date}}' } };
    expect(sayer(m, 'zh')('asof', { date: '2026-01-26' })).toBe('截至 2026年1月26日');
    expect(sayer(m, 'en')('asof', { date: '2026-01-26' })).toBe('as of 2026-01-26');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(fill('{{a}} and {{b}}', { a: 1 })).toBe('1 and {{b}}');
  });

  it('the shipped messages have every key in both languages', () => {
    const { data, problems } = readProject(REPO_ROOT);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(Object.keys(data?.messages.zh ?? {}).sort()).toEqual(Object.keys(data?.messages.en ?? {}).sort());
  });

  it('a key missing from one language is a problem naming the file and the key', () => {
    const root = copyProject();
    try {
      appendFileSync(join(root, 'templates/en/messages.yaml'), '\nonly.in.english: Only in English\n');
      const { data, problems } = readProject(root);
      expect(data).toBeNull();
      expect(problems.map(formatProblem).join('\n')).toContain('templates/zh/messages.yaml');
      expect(problems.map(formatProblem).join('\n')).toContain('only.in.english');
    } finally {
      removeDir(root);
    }
  });
});
