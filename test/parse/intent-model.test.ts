/**
 * The labelled phrasings (intents/phrasings.yaml, src/domain/parse/intent-model.ts): a question is read the way the
 * phrasings most like it were, so a phrasing added to the data teaches the bot a way of asking no cue names.
 */
import { describe, expect, it } from 'vitest';
import { readProject } from '../../src/catalog/load.js';
import { IntentModel, indexPhrasings } from '../../src/domain/parse/intent-model.js';
import { Parser } from '../../src/domain/parse/parser.js';
import type { LearnedPhrasings } from '../../src/intents/schema.js';
import { REPO_ROOT } from '../helpers/project.js';

const same = (t: string) => t;
const how = { min_features: 1, neighbours: 5, sharpness: 3 };

describe('intent model', () => {
  const model = IntentModel.of(
    indexPhrasings(
      {
        summary: ['pull together what everyone asked lately'],
        facts: ['does tencent have a region in jakarta'],
        compare: ['阿里云还是腾讯云便宜'],
        place: ['游戏服务器放哪里延迟低'],
      },
      same,
    ),
    how,
  );

  it('gives most of the vote to the intent of the phrasing most like the question', () => {
    const votes = model.likelihoods('can you pull together what people asked lately?');
    expect([...votes].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('summary');
    expect(votes.get('summary')).toBeGreaterThan(0.5);
  });

  it('reads Chinese by its characters and pairs', () => {
    const votes = model.likelihoods('华为云还是火山便宜');
    expect([...votes].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('compare');
  });

  it('gives no vote when no phrasing shares a word with the question', () => {
    expect(model.likelihoods('xyzzy plugh').size).toBe(0);
  });

  it('shares the vote out to one in all', () => {
    const total = [...model.likelihoods('does alibaba have a region in jakarta').values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 9);
  });
});

describe('the parser learns intents from phrasings', () => {
  const { data } = readProject(REPO_ROOT);
  if (!data) throw new Error('the shipped project does not load');
  const parserWith = (phrasings: LearnedPhrasings) =>
    new Parser(data.catalog, data.intents, data.lexicon, data.messages, phrasings);
  const none = { ...data.phrasings, index: undefined, phrasings: {} } as LearnedPhrasings;
  // Wording no cue names: without a phrasing like it, the bot cannot tell what is asked.
  const question = 'round up whatever folks have been wondering about';

  it('reads a question the way a phrasing added to the data was labelled', () => {
    expect(parserWith(none).parse(question).request.intent).toBe('help');
    const taught = {
      ...data.phrasings,
      index: undefined,
      phrasings: { summary: ['round up whatever the team has been wondering about'] },
    } as LearnedPhrasings;
    expect(parserWith(taught).parse(question).request.intent).toBe('summary');
  });

  it('weighs phrasings by the weight the data gives them: none at weight 0', () => {
    const unweighted = {
      ...data.phrasings,
      weight: 0,
      index: undefined,
      phrasings: { summary: ['round up whatever the team has been wondering about'] },
    } as LearnedPhrasings;
    expect(parserWith(unweighted).parse(question).request.intent).toBe('help');
  });
});
