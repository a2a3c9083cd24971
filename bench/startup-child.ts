/**
 * Measured by bench/run.ts in a fresh process: load + validate + index the catalogue, compile templates. With a data
 * directory as second argument, the catalogue comes through the cache there (src/catalog/cache.ts), as the CLI and
 * the bot load it; run once before to fill the cache.
 */
import { resourceUsage } from 'node:process';
import { readProjectCached } from '../src/catalog/cache.js';
import { loadProject, type ProjectData } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';

const root = process.argv[2] as string;
const dataDir = process.argv[3];
const cpu = process.cpuUsage();
const t = process.hrtime.bigint();
const data = dataDir ? ((await readProjectCached(root, dataDir)).data as ProjectData) : loadProject(root);
const engine = new Engine(data);
engine.text(engine.ask('2x T4 on AWS in Hong Kong', '2026-11-23').answer); // templates compiled and used once
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const used = process.cpuUsage(cpu);
// cpuMs: CPU time of the whole process meanwhile (all threads), a steadier figure than wall time on a busy machine.
console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, maxRssMB: resourceUsage().maxRSS / 1024 }));
