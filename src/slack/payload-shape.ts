/**
 * Checks the shape of a verified Slack request before it is acknowledged: the fields Bolt and our listeners read
 * must have the types Slack sends (an event is an object, a button's action_id is text, a response_url is a web
 * address…). A request that fails is refused with one sentence naming the field, instead of reaching Bolt, which
 * would throw on it after the acknowledgement, or answer 500. Fields that are absent are left to the listeners,
 * which treat them as optional; only fields Bolt itself cannot do without are required.
 */

type Kind = 'text' | 'object' | 'list' | 'url' | 'object-or-null' | 'text-or-object';

/** [path, kind, required] — a path's parts are keys; `*` is every item of a list. */
type Rule = readonly [string, Kind, boolean?];

const person: Rule[] = [
  ['user', 'object', true],
  ['user.id', 'text', true],
  ['team', 'object-or-null'],
  ['team.id', 'text'],
  ['enterprise', 'object-or-null'],
  ['channel', 'object'],
  ['channel.id', 'text'],
  ['response_url', 'url'],
  ['trigger_id', 'text'],
];

const RULES: Record<string, Rule[]> = {
  event_callback: [
    ['event', 'object', true],
    ['event.type', 'text', true],
    ['event.channel', 'text-or-object'],
    ['event.channel_id', 'text'],
    ['event.item', 'object'],
    ['event.user', 'text-or-object'],
    ['event.text', 'text'],
    ['event.ts', 'text'],
    ['event.thread_ts', 'text'],
    ['event.message', 'object'],
    ['event.previous_message', 'object'],
    ['event.files', 'list'],
    ['event.files.*', 'object'],
    ['event.blocks', 'list'],
    ['team_id', 'text'],
    ['enterprise_id', 'text'],
    ['authorizations', 'list'],
    ['authorizations.*', 'object'],
  ],
  command: [
    ['command', 'text', true],
    ['text', 'text'],
    ['user_id', 'text', true],
    ['channel_id', 'text'],
    ['team_id', 'text'],
    ['response_url', 'url', true],
    ['trigger_id', 'text'],
  ],
  block_actions: [
    ...person,
    ['actions', 'list', true],
    ['actions.*', 'object'],
    ['actions.*.action_id', 'text', true],
    ['actions.*.block_id', 'text'],
    ['actions.*.value', 'text'],
    ['container', 'object'],
    ['message', 'object'],
    ['message.ts', 'text'],
    ['message.thread_ts', 'text'],
    ['view', 'object'],
    ['view.id', 'text'],
  ],
  view_submission: [
    ...person,
    ['view', 'object', true],
    ['view.id', 'text'],
    ['view.callback_id', 'text', true],
    ['view.private_metadata', 'text'],
    ['view.state', 'object'],
    ['view.state.values', 'object'],
  ],
  view_closed: [...person, ['view', 'object', true], ['view.id', 'text'], ['view.callback_id', 'text']],
  shortcut: [...person, ['callback_id', 'text', true]],
  message_action: [...person, ['callback_id', 'text', true], ['message', 'object']],
  block_suggestion: [...person, ['action_id', 'text', true], ['block_id', 'text'], ['value', 'text']],
};

/** The kind Bolt will dispatch the request as (the same order of tests as Bolt's getTypeAndConversation). */
function kindOf(body: Record<string, unknown>): string {
  if (body.event !== undefined) return 'event_callback';
  if (body.command !== undefined) return 'command';
  if (body.name !== undefined || body.type === 'block_suggestion') return 'block_suggestion';
  if (body.actions !== undefined) return 'block_actions';
  return typeof body.type === 'string' ? body.type : '';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string';
    case 'object':
      return isObject(value);
    case 'list':
      return Array.isArray(value);
    case 'object-or-null':
      return value === null || isObject(value);
    case 'text-or-object':
      return typeof value === 'string' || isObject(value);
    case 'url':
      return typeof value === 'string' && /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value);
  }
}

const WORDS: Record<Kind, string> = {
  text: 'text',
  object: 'an object',
  list: 'a list',
  url: 'an http(s) address',
  'object-or-null': 'an object',
  'text-or-object': 'text or an object',
};

/** The values at `path` (several under a `*`), each with its concrete path; parents that are missing yield none. */
function at(root: unknown, parts: string[], prefix = ''): [string, unknown][] {
  if (parts.length === 0) return [[prefix, root]];
  const [head, ...rest] = parts as [string, ...string[]];
  if (head === '*') {
    if (!Array.isArray(root)) return [];
    return root.flatMap((item, i) => at(item, rest, `${prefix}[${i}]`));
  }
  if (!isObject(root) || !(head in root))
    return rest.length === 0 && isObject(root) ? [[join(prefix, head), undefined]] : [];
  return at(root[head], rest, join(prefix, head));
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

/** Why Slack could not have sent this request as it is, in one sentence; null when its shape is sound. */
export function payloadProblem(body: Record<string, unknown>): string | null {
  const rules = RULES[kindOf(body)];
  if (!rules) return null;
  for (const [path, kind, required] of rules) {
    for (const [where, value] of at(body, path.split('.'))) {
      if (value === undefined) {
        if (required) return `a ${kindOf(body)} request without \`${where}\``;
        continue;
      }
      if (!fits(value, kind)) return `a ${kindOf(body)} request whose \`${where}\` is not ${WORDS[kind]}`;
    }
  }
  return null;
}
