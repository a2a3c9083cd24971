/**
 * The process scripts/kill-trials.ts kills: records requests (and now and then a quote) as fast as it can,
 * printing "ack <id>" only after each one is durably stored.
 */
import { FileStore } from '../src/store/file-store.js';
import type { HistoryRecord } from '../src/store/types.js';

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
      {
        id: `q-${id}`,
        provider: 'alibaba',
        resource: 'gpu-instance',
        sku: null,
        location: 'hangzhou',
        billing: 'payg',
        unit: 'instance-hour',
        price: i,
        currency: 'CNY',
        reference: `REF-${id}`,
        validUntil: '2027-01-31',
        gpu: { model: 'A10', count: 1 },
        model: null,
        direction: null,
        storageClass: null,
        addedBy: 'kill-test',
        addedAt: new Date().toISOString(),
      },
    ]);
    process.stdout.write(`ackquote q-${id}\n`);
  }
}
