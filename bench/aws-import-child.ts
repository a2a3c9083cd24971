/** Measured by bench/aws-import.ts in a fresh process. */
import { resourceUsage } from 'node:process';
import { importAwsOffer } from '../src/catalog/aws-offer.js';
import { loadProject } from '../src/catalog/load.js';

const catalog = loadProject().catalog;
const t = process.hrtime.bigint();
const report = await importAwsOffer(process.argv[2] as string, 'ap-east-1', catalog);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
console.log(JSON.stringify({ rows: report.rows.length, ms, maxRssMB: resourceUsage().maxRSS / 1024 }));
