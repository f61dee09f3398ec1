// The app manifest must ask Slack for exactly what the code listens to: a drift here means a
// feature silently never receives its events in a real workspace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/receiver';
import { COMMAND } from '../../adapters/slack/listeners/commands/regionlock';
import { TRIAGE_SHORTCUT } from '../../adapters/slack/listeners/shortcuts/triage-ticket';

const manifest = parse(readFileSync(join(__dirname, '../../adapters/slack/manifest.yaml'), 'utf8'));

describe('slack app manifest', () => {
  it('declares the slash command and the message shortcut the listeners handle', () => {
    const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual([COMMAND]);
    const shortcut = manifest.features.shortcuts.find((s: { callback_id: string }) => s.callback_id === TRIAGE_SHORTCUT);
    expect(shortcut).toMatchObject({ type: 'message', name: 'Triage ticket' });
  });

  it('subscribes to the events the listeners use, with the scopes they need', () => {
    const events: string[] = manifest.settings.event_subscriptions.bot_events;
    expect(events).toEqual(expect.arrayContaining(['app_mention', 'message.im', 'message.channels', 'message.groups']));
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    const needed = ['app_mentions:read', 'chat:write', 'im:history', 'im:write', 'commands', 'channels:history', 'groups:history', 'users:read'];
    expect(scopes).toEqual(expect.arrayContaining(needed));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('subscribes to thread messages in public and private channels: the agent desk relay needs them', () => {
    // Agents write in the hand-off card's thread in SLACK_AGENT_CHANNEL (public or private); only these
    // events deliver such replies, and reading them needs the matching history scopes.
    const events: string[] = manifest.settings.event_subscriptions.bot_events;
    expect(events).toContain('message.channels');
    expect(events).toContain('message.groups');
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['channels:history', 'groups:history']));
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    expect(readme).toMatch(/Why `message\.channels` and `message\.groups`/);
  });

  it('sends events, commands and interactions to the bot events path', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
  });
});
