/**
 * The process scripts/kill-trials.ts kills: records requests (and now and then a quote) as fast as it can,
 * printing "ack <id>" only after each one is durably stored.
 */
import { FileStore } from '../src/store/file-store.js';
import type { HistoryRecord } from '../src/store/types.js';
import { testQuote } from '../test/helpers/quote.js';

const dir = process.argv[2] as string;
const tag = process.argv[3] ?? 'x';
const store = await FileStore.open(dir, { writer: true });
for (let i = 0; ; i++) {
  const id = `${tag}-${i}`;
  const rec: HistoryRecord = {
    id,
    at: new Date().toISOString(),
    surface: 'cli',
    user: 'kill-test',
    channel: null,
    text: `record ${id} ${'x'.repeat(i % 200)}`,
    intent: 'estimate',
    request: { n: i },
    top: null,
    monthly: i,
    currency: 'USD',
    providers: [],
    locations: [],
    gaps: 0,
    questions: [],
  };
  await store.recordRequest(rec);
  process.stdout.write(`ack ${id}\n`);
  if (i % 10 === 0) {
    await store.addQuotes([
      testQuote({
        id: `q-${id}`,
        price: i,
        reference: `REF-${id}`,
        addedBy: 'kill-test',
        addedAt: new Date().toISOString(),
      }),
    ]);
    process.stdout.write(`ackquote q-${id}\n`);
  }
}
