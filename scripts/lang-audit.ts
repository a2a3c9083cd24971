/**
 * Language audit: Chinese questions of every intent through every surface (console text, Slack blocks, CLI errors
 * and help, quote CSV problems, imported price notes, the weekly summary and its chart, Slack admin replies, price
 * refreshes, App Home and forms, importers' file errors, catalog lint, coverage, stale and diff), flagging English
 * that is not a name, code, unit, URL or a source's own words; English questions the same way, flagging Chinese.
 *
 *   npx tsx scripts/lang-audit.ts [--lang zh|en] [--quiet]
 *
 * Prints every leak (surface, question, the words), then the counts per surface and language. Writes nothing.
 * Exit 0 when the run completes (leaks or not); 1 when the engine cannot be loaded.
 */
import { parseArgs } from 'node:util';
import { loadEngine } from '../src/engine.js';
import { audit } from '../test/i18n/lang-audit.js';

const { values } = parseArgs({ options: { lang: { type: 'string' }, quiet: { type: 'boolean' } } });
try {
  const engine = await loadEngine();
  const langs: ('zh' | 'en')[] = values.lang === 'zh' || values.lang === 'en' ? [values.lang] : ['zh', 'en'];
  const rows: string[] = [];
  for (const lang of langs) {
    const { checked, leaks } = await audit(engine, lang);
    if (!values.quiet)
      for (const l of leaks) process.stdout.write(`[${lang}] ${l.surface} | ${l.question.slice(0, 60)} | ${l.text}\n`);
    const surfaces = [...new Set([...Object.keys(checked), ...leaks.map((l) => l.surface)])];
    for (const s of surfaces) {
      const n = leaks.filter((l) => l.surface === s).length;
      const texts = new Set(leaks.filter((l) => l.surface === s).map((l) => l.question)).size;
      rows.push(`${lang}  ${s.padEnd(14)} ${String(n).padStart(4)} leaks in ${texts}/${checked[s] ?? 0} texts`);
    }
    rows.push(`${lang}  ${'TOTAL'.padEnd(14)} ${String(leaks.length).padStart(4)} leaks`);
  }
  process.stdout.write(`\n${rows.join('\n')}\n`);
} catch (e) {
  process.stderr.write(`lang-audit: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
}
