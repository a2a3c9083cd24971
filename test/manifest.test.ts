/** manifest.yml creates the app as the code uses it: every event and scope has a listener or a call, and back. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));
const listeners = readFileSync(join(root, 'src/slack/listeners.ts'), 'utf8');

describe('manifest.yml', () => {
  it('subscribes exactly to the events the app listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
    ]);
    expect(listeners).toContain("app.event('app_mention'");
    expect(listeners).toContain("app.event('app_home_opened'");
    expect(listeners).toContain('app.message(');
  });

  it('asks only for scopes a feature uses', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect([...scopes].sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'files:write', 'im:history']);
    expect(listeners).toContain('files.uploadV2');
    expect(listeners).toContain('chat.postMessage');
  });

  it('declares /procure, interactivity, the home tab and Socket Mode', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/procure']);
    expect(listeners).toContain("app.command('/procure'");
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
