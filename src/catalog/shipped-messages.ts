/**
 * The words shipped in templates/<lang>/*.yaml, read once on first use, for callers that have no loaded project at
 * hand (the Slack block builders and quote parsing when called without the project's messages). Callers that have
 * the project pass its loaded messages, so an edited catalogue directory is what users see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Lang } from '../domain/request.js';
import { type Messages, type Say, sayer } from '../domain/say.js';
import { defaultRoot } from '../root.js';

let shipped: Messages | null = null;

export function shippedMessages(): Messages {
  if (!shipped) {
    const read = (lang: Lang) => {
      // From the project root as src/root.ts finds it: this file is two levels below the root in src/ and in the
      // compiled dist/, but one level below it when bundled into dist/procure-*.js (scripts/bundle.mjs).
      const dir = join(defaultRoot(), 'templates', lang);
      const out: Record<string, string> = {};
      for (const f of readdirSync(dir).sort())
        if (f.endsWith('.yaml'))
          Object.assign(out, parseYaml(readFileSync(join(dir, f), 'utf8')) as Record<string, string>);
      return out;
    };
    shipped = { en: read('en'), zh: read('zh') };
  }
  return shipped;
}

/** The shipped words in a language. */
export function shippedSay(lang: Lang): Say {
  return sayer(shippedMessages(), lang);
}
