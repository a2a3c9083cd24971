/**
 * The app over real HTTP as tests and scripts drive it: a fake Slack Web API, a store in a temporary directory, the
 * engine, admin U1, and the HTTP front on a free port. `stop()` undoes all of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config/env.js';
import { type Engine, loadEngine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp } from '../../src/slack/app.js';
import { SlackService } from '../../src/slack/service.js';
import { FileStore } from '../../src/store/file-store.js';
import { FakeSlack } from './fake-slack.js';

export interface Harness {
  url: string;
  engine: Engine;
  fake: FakeSlack;
  store: FileStore;
  service: SlackService;
  stop(): Promise<void>;
}

export async function startHarness(opts: {
  secret: string;
  token: string;
  /** Every log line the app writes (JSON), e.g. to collect the errors. */
  log?: (line: string) => void;
  today?: string;
}): Promise<Harness> {
  const engine = await loadEngine();
  const fake = new FakeSlack();
  await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'procure-harness-'));
  const store = await FileStore.open(dir, { writer: true });
  const service = new SlackService(engine, () => opts.today ?? '2026-11-23', { store, admins: ['U1'] });
  await service.loadQuotes();
  const slack = createSlackApp({
    config: readConfig({
      SLACK_BOT_TOKEN: opts.token,
      SLACK_SIGNING_SECRET: opts.secret,
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: '0',
    }),
    service,
    logger: createLogger({ secrets: [opts.token, opts.secret], write: opts.log ?? (() => undefined) }),
    botId: 'BBOT',
    botUserId: 'UBOT',
  });
  const url = `http://127.0.0.1:${await slack.start()}/slack/events`;
  return {
    url,
    engine,
    fake,
    store,
    service,
    async stop() {
      await slack.stop();
      await store.close();
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
