/** Every test worker gets its own data directory, so no test writes into the checkout's ./data. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.PROCURE_DATA_DIR) process.env.PROCURE_DATA_DIR = mkdtempSync(join(tmpdir(), 'procure-test-data-'));
