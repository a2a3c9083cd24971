/**
 * A small structured logger (JSON lines on stderr) that redacts Slack tokens and signing secrets
 * from everything it writes. Its shape matches Bolt's Logger, so the Slack adapter hands it to Bolt.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface AppLogger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: Level): void;
  getLevel(): Level;
  setName(name: string): void;
}

const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const TOKEN = /\b(xox[abposre]-[A-Za-z0-9.-]+|xapp-[A-Za-z0-9-]+)/g;

export function redact(text: string, secrets: string[] = []): string {
  let out = text.replace(TOKEN, (t) => `${t.slice(0, 5)}…[redacted]`);
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join('[redacted]');
  return out;
}

export function createLogger(
  opts: { level?: Level; secrets?: string[]; write?: (line: string) => void } = {},
): AppLogger {
  let level: Level = opts.level ?? 'info';
  let name = 'procure-bot';
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const log =
    (lvl: Level) =>
    (...msg: unknown[]) => {
      if (ORDER[lvl] < ORDER[level]) return;
      const text = msg
        .map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : safeJson(m)))
        .join(' ');
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: lvl, name, msg: redact(text, opts.secrets) })}\n`,
      );
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
