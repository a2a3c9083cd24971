/** `.env` files: read without dependencies, so the CLI's entry loads nothing else to read one. */
import { existsSync, readFileSync } from 'node:fs';

/** Reads `.env` into process.env (without overriding what is already set), when the file exists. */
export function loadDotEnv(path = '.env'): void {
  if (!existsSync(path)) return;
  for (const [k, v] of Object.entries(parseDotEnv(readFileSync(path, 'utf8'))))
    if (process.env[k] === undefined) process.env[k] = v;
}

/**
 * `.env` as KEY=value lines: `export ` allowed, # comments, values in single or double quotes (\n in double
 * quotes is a newline), a # after a space ends an unquoted value. A line without `=` is skipped and the next
 * lines are still read (Node's own reader lost the setting after such a line).
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    const key = m[1] as string;
    let value = (m[2] as string).trim();
    const q = value[0];
    if ((q === '"' || q === "'" || q === '`') && value.indexOf(q, 1) > 0) {
      value = value.slice(1, value.indexOf(q, 1));
      if (q === '"') value = value.replace(/\\n/g, '\n');
    } else value = value.replace(/\s+#.*$/, '').trim();
    out[key] = value;
  }
  return out;
}
