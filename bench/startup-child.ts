/** Measured by bench/run.ts in a fresh process: load + validate + index the catalogue, compile templates. */
import { resourceUsage } from 'node:process';
import { loadProject } from '../src/catalog/load.js';
import { Engine } from '../src/engine.js';

const root = process.argv[2] as string;
const cpu = process.cpuUsage();
const t = process.hrtime.bigint();
const engine = new Engine(loadProject(root));
engine.text(engine.ask('2x T4 on AWS in Hong Kong', '2026-11-23').answer); // templates compiled and used once
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const used = process.cpuUsage(cpu);
// cpuMs: CPU time of the whole process meanwhile (all threads), a steadier figure than wall time on a busy machine.
console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, maxRssMB: resourceUsage().maxRSS / 1024 }));
