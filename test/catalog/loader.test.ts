/**
 * The catalogue loader (src/catalog/load.ts): the shipped project loads clean, and each kind of broken file is
 * refused with a problem naming the file, the path inside it and the reason (catalog/README.md).
 * Each test breaks one file of a temporary copy of catalog/, intents/ and templates/.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMap, isSeq, type YAMLSeq } from 'yaml';
import { formatProblem, type LoadResult, type Problem, readProject } from '../../src/catalog/load.js';
import { copyProject, editText, editYaml, REPO_ROOT, readYamlValue, removeDir } from '../helpers/project.js';

const ALIBABA_PRICES = 'catalog/prices/alibaba.yaml';
const AWS_PRICES = 'catalog/prices/aws.yaml';
const ALIBABA_FACTS = 'catalog/facts/alibaba.yaml';
const AWS_FACTS = 'catalog/facts/aws.yaml';
const PLACEMENT_RULES = 'catalog/rules/placement.yaml';
const ESTIMATE_INTENT = 'intents/estimate.yaml';

/** A catalogue `source`: a URL or a quote/API/file reference, as src/catalog/schema.ts's Source accepts. */
const SOURCE_RE = /^(https?:\/\/\S+|quote:\S+|api:\S+|file:\S+)$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function problemsIn(result: LoadResult, file: string): Problem[] {
  return result.problems.filter((p) => p.file === file);
}

/** Checks that nothing loaded, without printing the whole project when something did. */
function expectNotLoaded(result: LoadResult): void {
  expect(result.data === null, 'the project loaded although a file is broken').toBe(true);
}

/** The project must not load, and at least one problem must name `file`; returns that file's problems. */
function expectRefused(result: LoadResult, file: string): Problem[] {
  expectNotLoaded(result);
  const own = problemsIn(result, file);
  expect(own, `no problem names ${file}; problems: ${result.problems.map(formatProblem).join(' | ')}`).not.toEqual([]);
  return own;
}

describe('the shipped project', () => {
  it('loads with zero problems', () => {
    const result = readProject(REPO_ROOT);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.data).not.toBeNull();
  });

  it('loads with zero problems from a temporary copy too (the baseline the other tests break)', () => {
    const root = copyProject();
    try {
      const result = readProject(root);
      expect(result.problems.map(formatProblem)).toEqual([]);
      expect(result.data?.catalog.prices.length).toBe(readProject(REPO_ROOT).data?.catalog.prices.length);
    } finally {
      removeDir(root);
    }
  });

  it('has source and as_of on every price, allowance, adjustment, FX rate and fact', () => {
    const { data } = readProject(REPO_ROOT);
    expect(data).not.toBeNull();
    if (!data) return;
    const { prices, allowances, adjustments, fx, facts } = data.catalog;
    const entries = [
      ...prices.map((e) => ({ what: 'price', e })),
      ...allowances.map((e) => ({ what: 'allowance', e })),
      ...adjustments.map((e) => ({ what: 'adjustment', e })),
      ...fx.map((e) => ({ what: 'fx rate', e })),
      ...facts.map((e) => ({ what: 'fact', e })),
    ];
    expect(prices.length).toBeGreaterThan(0);
    expect(facts.length).toBeGreaterThan(0);
    const unsourced = entries
      .filter(({ e }) => typeof e.source !== 'string' || !SOURCE_RE.test(e.source))
      .map(({ what, e }) => `${what} ${e.id}: source ${JSON.stringify(e.source)}`);
    const undated = entries
      .filter(({ e }) => typeof e.as_of !== 'string' || !DATE_RE.test(e.as_of))
      .map(({ what, e }) => `${what} ${e.id}: as_of ${JSON.stringify(e.as_of)}`);
    expect(unsourced).toEqual([]);
    expect(undated).toEqual([]);
  });

  it('has unique ids across prices, allowances and adjustments', () => {
    const { data } = readProject(REPO_ROOT);
    if (!data) throw new Error('the shipped project does not load');
    const ids = [...data.catalog.prices, ...data.catalog.allowances, ...data.catalog.adjustments].map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe('formatProblem', () => {
  it('writes file: path: reason, and (top) for an empty path', () => {
    expect(formatProblem({ file: 'catalog/gpus.yaml', path: 'gpus[2].model', reason: 'is bad' })).toBe(
      'catalog/gpus.yaml: gpus[2].model: is bad',
    );
    expect(formatProblem({ file: 'templates/help.hbs', path: '', reason: 'is missing' })).toBe(
      'templates/help.hbs: (top): is missing',
    );
  });
});

describe('readProject refuses a broken file', () => {
  let root: string;

  beforeEach(() => {
    root = copyProject();
  });

  afterEach(() => {
    removeDir(root);
  });

  it('refuses a price without source, naming the file and the price', () => {
    const id = readYamlValue(root, ALIBABA_PRICES, ['prices', 0, 'id']);
    editYaml(root, ALIBABA_PRICES, (doc) => {
      doc.deleteIn(['prices', 0, 'source']);
    });
    const [problem] = expectRefused(readProject(root), ALIBABA_PRICES);
    expect(problem?.path).toContain('prices[0]');
    expect(problem?.path).toContain(String(id));
    expect(problem?.path).toMatch(/\.source$/);
    expect(problem?.reason).toMatch(/source/);
  });

  it('refuses a price without as_of', () => {
    const id = readYamlValue(root, AWS_PRICES, ['prices', 1, 'id']);
    editYaml(root, AWS_PRICES, (doc) => {
      doc.deleteIn(['prices', 1, 'as_of']);
    });
    const problems = expectRefused(readProject(root), AWS_PRICES);
    expect(problems.map((p) => p.path)).toContainEqual(expect.stringMatching(/^prices\[1\].*\.as_of$/));
    expect(problems.some((p) => p.path.includes(String(id)))).toBe(true);
  });

  it('refuses a fact without source', () => {
    const id = readYamlValue(root, ALIBABA_FACTS, ['facts', 0, 'id']);
    editYaml(root, ALIBABA_FACTS, (doc) => {
      doc.deleteIn(['facts', 0, 'source']);
    });
    const [problem] = expectRefused(readProject(root), ALIBABA_FACTS);
    expect(problem?.path).toContain('facts[0]');
    expect(problem?.path).toContain(String(id));
    expect(problem?.path).toMatch(/\.source$/);
  });

  it('reports a fact without source as its own problem, not as unknown-fact citations in the rules files', () => {
    editYaml(root, ALIBABA_FACTS, (doc) => {
      doc.deleteIn(['facts', 0, 'source']);
    });
    const result = readProject(root);
    expectNotLoaded(result);
    // The facts in catalog/facts/alibaba.yaml are there; only one of them lacks a source. Blaming the rules that
    // cite them sends the editor to files that are fine.
    const misplaced = result.problems.filter((p) => p.file.startsWith('catalog/rules/')).map(formatProblem);
    expect(misplaced).toEqual([]);
  });

  it('refuses a malformed date (2026-13-45)', () => {
    editYaml(root, ALIBABA_PRICES, (doc) => {
      doc.setIn(['prices', 2, 'as_of'], '2026-13-45');
    });
    const problems = expectRefused(readProject(root), ALIBABA_PRICES);
    expect(problems.map((p) => p.path)).toContainEqual(expect.stringMatching(/^prices\[2\].*\.as_of$/));
  });

  it('refuses a malformed date on a fact', () => {
    editYaml(root, AWS_FACTS, (doc) => {
      doc.setIn(['facts', 0, 'as_of'], '2026-13-45');
    });
    const problems = expectRefused(readProject(root), AWS_FACTS);
    expect(problems.map((p) => p.path)).toContainEqual(expect.stringMatching(/^facts\[0\].*\.as_of$/));
  });

  it('refuses a date that does not exist in the calendar (2026-02-30)', () => {
    editYaml(root, ALIBABA_PRICES, (doc) => {
      doc.setIn(['prices', 0, 'as_of'], '2026-02-30');
    });
    const problems = expectRefused(readProject(root), ALIBABA_PRICES);
    expect(problems.map((p) => p.path)).toContainEqual(expect.stringMatching(/^prices\[0\].*\.as_of$/));
  });

  it('refuses a source that is not a URL or a reference', () => {
    editYaml(root, ALIBABA_PRICES, (doc) => {
      doc.setIn(['prices', 0, 'source'], 'the Alibaba Cloud website');
    });
    const [problem] = expectRefused(readProject(root), ALIBABA_PRICES);
    expect(problem?.path).toMatch(/^prices\[0\].*\.source$/);
    expect(problem?.reason).toMatch(/URL/);
  });

  it('refuses a fact whose source is not a URL', () => {
    editYaml(root, AWS_FACTS, (doc) => {
      doc.setIn(['facts', 0, 'source'], 'www.example.com/page');
    });
    const [problem] = expectRefused(readProject(root), AWS_FACTS);
    expect(problem?.path).toMatch(/^facts\[0\].*\.source$/);
  });

  it('refuses an unknown location slug in a price scope', () => {
    const id = readYamlValue(root, ALIBABA_PRICES, ['prices', 0, 'id']);
    editYaml(root, ALIBABA_PRICES, (doc) => {
      doc.setIn(['prices', 0, 'scope'], doc.createNode({ locations: ['atlantis'] }, { flow: true }));
    });
    const [problem] = expectRefused(readProject(root), ALIBABA_PRICES);
    expect(problem?.path).toContain(String(id));
    expect(problem?.path).toContain('scope');
    expect(problem?.reason).toContain('atlantis');
  });

  it('refuses a rule that cites an unknown fact id', () => {
    const ruleId = readYamlValue(root, PLACEMENT_RULES, ['rules', 0, 'id']);
    editYaml(root, PLACEMENT_RULES, (doc) => {
      doc.setIn(['rules', 0, 'advice', 'cites'], doc.createNode(['no-such-fact'], { flow: true }));
    });
    const [problem] = expectRefused(readProject(root), PLACEMENT_RULES);
    expect(problem?.path).toContain(String(ruleId));
    expect(problem?.reason).toContain('no-such-fact');
  });

  it('refuses a duplicate fact id in another facts file, naming both files', () => {
    const id = readYamlValue(root, ALIBABA_FACTS, ['facts', 0, 'id']);
    editYaml(root, AWS_FACTS, (doc) => {
      const facts = doc.get('facts');
      if (!isSeq(facts)) throw new Error(`${AWS_FACTS} has no facts list`);
      const copy = doc.createNode({
        id,
        provider: 'aws',
        topic: 'regions',
        claim: 'A fact that reuses the id of an Alibaba Cloud fact.',
        source: 'https://example.com/page',
        as_of: '2026-01-01',
      });
      (facts as YAMLSeq).add(copy);
    });
    const result = readProject(root);
    const problems = expectRefused(result, AWS_FACTS);
    expect(problems.some((p) => p.path.includes(String(id)) && p.reason.includes(ALIBABA_FACTS))).toBe(true);
  });

  it('refuses a duplicate fact id within one file', () => {
    editYaml(root, ALIBABA_FACTS, (doc) => {
      const facts = doc.get('facts');
      const first = doc.getIn(['facts', 0]);
      if (!isSeq(facts) || !isMap(first)) throw new Error(`${ALIBABA_FACTS} has no facts list`);
      facts.add(first.clone());
    });
    const problems = expectRefused(readProject(root), ALIBABA_FACTS);
    expect(problems.some((p) => /duplicate/.test(p.reason))).toBe(true);
  });

  it('refuses a duplicate price id within one price file', () => {
    editYaml(root, AWS_PRICES, (doc) => {
      const prices = doc.get('prices');
      const first = doc.getIn(['prices', 0]);
      if (!isSeq(prices) || !isMap(first)) throw new Error(`${AWS_PRICES} has no prices list`);
      prices.add(first.clone());
    });
    const result = readProject(root);
    expectNotLoaded(result);
    expectRefused(result, AWS_PRICES);
  });

  it('refuses a price id used again in another price file', () => {
    const id = readYamlValue(root, ALIBABA_PRICES, ['prices', 0, 'id']);
    editYaml(root, AWS_PRICES, (doc) => {
      doc.setIn(['prices', 0, 'id'], id);
    });
    const result = readProject(root);
    expectNotLoaded(result);
    expect(result.problems.some((p) => p.path.includes(String(id)))).toBe(true);
  });

  it('refuses an adjustment id used twice', () => {
    const id = readYamlValue(root, ALIBABA_PRICES, ['adjustments', 0, 'id']);
    editYaml(root, ALIBABA_PRICES, (doc) => {
      doc.setIn(['adjustments', 1, 'id'], id);
    });
    const result = readProject(root);
    expectNotLoaded(result);
    expect(result.problems.some((p) => p.path.includes(String(id)))).toBe(true);
  });

  it('refuses invalid YAML, giving the line number in the reason', () => {
    const lines = readFileSync(join(root, ALIBABA_PRICES), 'utf8').split('\n');
    const index = lines.findIndex((l) => /^ {4}service: /.test(l));
    expect(index).toBeGreaterThanOrEqual(0);
    editText(root, ALIBABA_PRICES, () => {
      lines[index] = '    service: Internet Shared Bandwidth: pay-by-data-transfer';
      return lines.join('\n');
    });
    const [problem] = expectRefused(readProject(root), ALIBABA_PRICES);
    expect(problem?.reason).toMatch(/YAML/);
    expect(problem?.reason).toContain(`line ${index + 1}`);
  });

  it('refuses a project with a template file missing', () => {
    rmSync(join(root, 'templates', 'en', 'gaps.hbs'));
    const [problem] = expectRefused(readProject(root), 'templates/en/gaps.hbs');
    expect(problem?.reason).toMatch(/missing/);
  });

  it('refuses a template missing in one language only, naming the one that exists', () => {
    rmSync(join(root, 'templates', 'zh', 'breakdown.hbs'));
    const [problem] = expectRefused(readProject(root), 'templates/zh/breakdown.hbs');
    expect(problem?.reason).toContain('is missing (templates/en/breakdown.hbs exists');
  });

  it('refuses a template left outside the language folders', () => {
    writeFileSync(join(root, 'templates', 'answer.hbs'), '*{{title}}*\n');
    const [problem] = expectRefused(readProject(root), 'templates/answer.hbs');
    expect(problem?.reason).toContain('templates/zh/answer.hbs');
  });

  it('refuses a template with a Handlebars syntax error', () => {
    editText(root, 'templates/zh/notes.hbs', (text) => `{{#if assumptions}}\n${text}`);
    expectRefused(readProject(root), 'templates/zh/notes.hbs');
  });

  it('refuses an intent with an invalid regular expression', () => {
    editYaml(root, ESTIMATE_INTENT, (doc) => {
      doc.setIn(['cues', 0, 'pattern'], '(how much');
    });
    const [problem] = expectRefused(readProject(root), ESTIMATE_INTENT);
    expect(problem?.path).toBe('cues[0].pattern');
    expect(problem?.reason).toMatch(/regular expression/);
  });

  it('refuses phrasings filed under an intent that does not exist, naming the intent', () => {
    editYaml(root, 'intents/phrasings.yaml', (doc) => {
      doc.setIn(['phrasings', 'pricing'], ['how much is it']);
    });
    const [problem] = expectRefused(readProject(root), 'intents/phrasings.yaml');
    expect(`${problem?.path} ${problem?.reason}`).toMatch(/pricing/);
  });

  it('refuses a project without intents/phrasings.yaml', () => {
    rmSync(join(root, 'intents', 'phrasings.yaml'));
    const [problem] = expectRefused(readProject(root), 'intents/phrasings.yaml');
    expect(problem?.reason).toBe('is missing');
  });

  it('names every problem when several files are broken', () => {
    editYaml(root, ALIBABA_PRICES, (doc) => {
      doc.deleteIn(['prices', 0, 'source']);
    });
    rmSync(join(root, 'templates', 'en', 'help.hbs'));
    const result = readProject(root);
    expectNotLoaded(result);
    expect(problemsIn(result, ALIBABA_PRICES)).not.toEqual([]);
    expect(problemsIn(result, 'templates/en/help.hbs')).not.toEqual([]);
  });
});
