/**
 * Random Slack payloads for property tests: every kind the app listens to (slash command, mention, DM, thread
 * reply, Home tab, buttons, forms), and kinds it does not, each valid at first and then mutated — keys
 * dropped, values replaced by junk of any type, nested JSON in button values broken.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('{', '[]', '{"r":null}', '{"r":{"intent":"estimate"}}', 'null', '<!channel>', '2x A10 in Hangzhou'),
  fc.constant('x'.repeat(5000)),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/** Every path to a value inside `value`, as key lists. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, Json>)[k] as Json, [...prefix, k]))];
}

function apply(root: Json, path: (string | number)[], op: 'drop' | 'set', to: Json): Json {
  if (path.length === 0) return op === 'set' ? to : root;
  const copy = structuredClone(root);
  let cur = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (op === 'drop' && !Array.isArray(cur)) delete cur[last];
  else cur[last] = to;
  return copy;
}

/** `base` with 0–3 random mutations. */
function mutated(base: Json): fc.Arbitrary<Json> {
  const all = paths(base);
  return fc
    .array(fc.tuple(fc.nat(all.length - 1), fc.constantFrom('drop' as const, 'set' as const), junk), { maxLength: 3 })
    .map((ops) => {
      let out = base;
      for (const [i, op, to] of ops) {
        const path = all[i] as (string | number)[];
        try {
          out = apply(out, path, op, to);
        } catch {
          // the path no longer exists after an earlier mutation
        }
      }
      return out;
    });
}

const request: Json = {
  intent: 'estimate',
  lang: 'en',
  providers: ['alibaba'],
  locations: ['hangzhou'],
  billing: 'payg',
  workload: { gpu: { model: 'A10', count: 2 } },
  durationMonths: 3,
};

function bases(fakeUrl: string): { kind: 'form' | 'payload' | 'json'; body: Json }[] {
  const response_url = `${fakeUrl}/response/fuzz`;
  const action = (action_id: string, value: Json) => ({
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: 'U1' },
    api_app_id: 'A1',
    trigger_id: 't1',
    response_url,
    channel: { id: 'C1' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: false },
    message: { ts: '1700000000.000100', text: 'x', thread_ts: '1700000000.000001' },
    actions: [{ type: 'button', action_id, block_id: 'procure_actions', value: JSON.stringify(value), action_ts: '1' }],
  });
  const view = (callback_id: string, values: Json, private_metadata: string) => ({
    type: 'view_submission',
    team: { id: 'T1' },
    user: { id: 'U1' },
    api_app_id: 'A1',
    trigger_id: '1',
    view: { id: 'V1', type: 'modal', callback_id, private_metadata, state: { values } },
  });
  const event = (e: Json) => ({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${Math.random()}`,
    event_time: 1700000000,
    event: e,
  });
  const input = (value: string) => ({ value: { type: 'plain_text_input', value } });
  const select = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });
  return [
    {
      kind: 'form',
      body: {
        token: 'legacy',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        command: '/procure',
        text: '2x A10 in Hangzhou vs Singapore 3 months',
        response_url,
        trigger_id: '1.2.3',
      },
    },
    {
      kind: 'form',
      body: {
        team_id: 'T1',
        channel_id: 'D1',
        user_id: 'U2',
        command: '/procure',
        text: 'quote add provider=alibaba',
        response_url,
        trigger_id: '1.2.3',
      },
    },
    {
      kind: 'json',
      body: event({
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> 杭州 2张A10 3个月',
        ts: '1700000000.000200',
        channel: 'C1',
        thread_ts: '1700000000.000100',
      }),
    },
    {
      kind: 'json',
      body: event({
        type: 'message',
        channel_type: 'im',
        user: 'U1',
        text: 'what about on Tencent?',
        ts: '1700000000.000300',
        channel: 'D1',
      }),
    },
    {
      kind: 'json',
      body: event({
        type: 'message',
        subtype: 'message_changed',
        channel: 'D1',
        channel_type: 'im',
        message: { user: 'U1', text: 'edited' },
        ts: '1700000000.000400',
      }),
    },
    {
      kind: 'json',
      body: event({
        type: 'message',
        subtype: 'file_share',
        channel_type: 'im',
        user: 'U1',
        text: '',
        files: [{ id: 'F1', name: 'prices.csv', url_private: `${fakeUrl}/files/F1` }],
        ts: '1700000000.000500',
        channel: 'D1',
      }),
    },
    { kind: 'json', body: event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' }) },
    { kind: 'json', body: { type: 'url_verification', token: 'x', challenge: 'abc' } },
    { kind: 'payload', body: action('procure_billing_spot', { r: request }) },
    { kind: 'payload', body: action('procure_all_questions', { r: request }) },
    { kind: 'payload', body: action('procure_export_csv', { r: request }) },
    {
      kind: 'payload',
      body: action('procure_save_quote', { r: request, q: { amount: 9.5, currency: 'CNY', per: 'hour' } }),
    },
    { kind: 'payload', body: action('procure_refine', { r: request }) },
    {
      kind: 'payload',
      body: view(
        'procure_refine_submit',
        { vcpu: input('8'), billing: select('spot') },
        JSON.stringify({ channel: 'C1', request }),
      ),
    },
    {
      kind: 'payload',
      body: view(
        'procure_quote_submit',
        {
          provider: select('alibaba'),
          resource: select('gpu-instance'),
          region: input('cn-hangzhou'),
          gpu_model: input('A10'),
          price: input('9.5'),
          unit: select('instance-hour'),
          currency: select('CNY'),
          reference: input('REF-1'),
          valid_until: { value: { type: 'datepicker', selected_date: '2027-01-31' } },
        },
        '',
      ),
    },
    {
      kind: 'payload',
      body: { type: 'shortcut', callback_id: 'unknown', team: { id: 'T1' }, user: { id: 'U1' }, trigger_id: '1' },
    },
    { kind: 'payload', body: { type: 'view_closed', team: { id: 'T1' }, user: { id: 'U1' }, view: { id: 'V1' } } },
  ];
}

export interface SlackBody {
  body: string;
  contentType: string;
}

function encode(kind: 'form' | 'payload' | 'json', value: Json): SlackBody {
  if (kind === 'json') return { body: JSON.stringify(value), contentType: 'application/json' };
  if (kind === 'payload')
    return {
      body: new URLSearchParams({ payload: JSON.stringify(value) }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  const fields: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [k, v] of Object.entries(value)) fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** A signed-ready body of any kind, mutated. */
export function slackPayload(fakeUrl: string): fc.Arbitrary<SlackBody> {
  return fc.oneof(...bases(fakeUrl).map(({ kind, body }) => mutated(body).map((v) => encode(kind, v))));
}
