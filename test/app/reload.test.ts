/** Catalogue reload: a valid change is swapped in whole; a bad one keeps the last good catalogue and says why. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchDirs } from '../../src/app/watch.js';
import { formatProblem, loadProject, readProject } from '../../src/catalog/load.js';
import { Engine } from '../../src/engine.js';
import { SlackService } from '../../src/slack/service.js';
import { copyProject, editText, editYaml, removeDir } from '../helpers/project.js';

const ADMIN = 'UADMIN';
let root: string;
let service: SlackService;

beforeEach(() => {
  root = copyProject();
  service = new SlackService(new Engine(loadProject(root)), () => '2026-11-23', {
    admins: [ADMIN],
    store: undefined,
    reload: async () => {
      const { data, problems } = readProject(root);
      return data ? { engine: new Engine(data) } : { problems: problems.map(formatProblem) };
    },
  });
});
afterEach(() => removeDir(root));

describe('catalogue reload', () => {
  it('swaps in a valid change: a new price is used by the next answer', async () => {
    expect(JSON.stringify(service.ask('1x A10 in Hangzhou on Alibaba', { user: ADMIN }).first)).not.toContain(
      'quote:NEW-1',
    );
    editYaml(root, 'catalog/prices/alibaba.yaml', (doc) => {
      doc.addIn(['prices'], {
        id: 'new-gn7i',
        provider: 'alibaba',
        kind: 'gpu-instance',
        service: 'ECS GPU',
        sku: 'ecs.gn7i-new',
        scope: { locations: ['hangzhou'] },
        billing: 'payg',
        unit: 'instance-hour',
        price: 0.5, // below every shipped A10 price, so it is the one chosen
        currency: 'CNY',
        gpu: { model: 'A10', count: 1 },
        source: 'quote:NEW-1',
        as_of: '2026-11-20',
      });
    });
    const r = await service.reloadCatalogue();
    expect(r.ok).toBe(true);
    expect(JSON.stringify(service.ask('1x A10 in Hangzhou on Alibaba', { user: ADMIN }).first)).toContain(
      'quote:NEW-1',
    );
  });

  it('keeps the last good catalogue when the change is bad, and names the problem', async () => {
    const before = service.engine;
    editText(root, 'catalog/prices/aws.yaml', (t) => t.replace(/\n +source: https:\/\/instances\.vantage\.sh\//, ''));
    const r = await service.reloadCatalogue();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('\n')).toMatch(/catalog\/prices\/aws\.yaml: .*source/);
    expect(service.engine).toBe(before);
    expect(JSON.stringify(service.ask('2x T4 on AWS in Hong Kong', { user: ADMIN }).first)).toContain('g4dn.xlarge');
  });

  it('"admin reload" is for admins only, and reports a refused change in Slack', async () => {
    const refused = await service.handle('admin reload', { user: 'UOTHER' });
    expect(refused.text).toMatch(/Only procure-bot admins/);
    editText(root, 'templates/en/help.hbs', () => '{{#each help}}');
    const reply = await service.handle('admin reload', { user: ADMIN });
    expect(reply.text).toMatch(/NOT reloaded/);
    expect(reply.text).toMatch(/templates\/en\/help\.hbs/);
  });

  it('a file change under a watched directory triggers a reload', async () => {
    let calls = 0;
    const stop = watchDirs(
      [root],
      () => {
        calls++;
      },
      50,
    );
    try {
      editText(root, 'catalog/fx.yaml', (t) => `${t}\n`);
      const until = Date.now() + 5000;
      while (calls === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(calls).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });
});
