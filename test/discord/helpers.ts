// Test harness: a fake Discord (REST + gateway) on 127.0.0.1, the real bot started like
// `region-lock-bot start` (startBot with DISCORD_* settings), and builders for gateway payloads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AGENT_CHANNEL_ID,
  APP_ID,
  BOT_TOKEN,
  BOT_USER,
  FakeDiscord,
  GUILD_ID,
  LOCKED_CHANNEL_ID,
  PUBLIC_CHANNEL_ID,
  snowflake,
  type RecordedRequest,
} from './fake/discord';
import { sleep, waitFor } from '../helpers/wait';

export { AGENT_CHANNEL_ID, APP_ID, BOT_TOKEN, BOT_USER, FakeDiscord, GUILD_ID, LOCKED_CHANNEL_ID, PUBLIC_CHANNEL_ID, snowflake };
export type { RecordedRequest };
export { sleep, waitFor };

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string;
  avatar: null;
  bot?: boolean;
}

export function person(name: string, id = snowflake()): FakeUser {
  return { id, username: name.toLowerCase(), discriminator: '0', global_name: name, avatar: null };
}

/** The button rows of a posted message, flattened. */
export function buttonsOf(message: any): { custom_id: string; label: string; disabled?: boolean; style: number }[] {
  return (message?.components ?? []).flatMap((row: any) => row.components ?? []).filter((c: any) => c.type === 2);
}

/** All visible text of a message: content, embed title/description/fields. */
export function textOf(message: any): string {
  const parts = [String(message?.content ?? '')];
  for (const e of message?.embeds ?? []) parts.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f: any) => `${f.name}\n${f.value}`));
  return parts.join('\n');
}

export interface Started {
  stop(): Promise<void>;
  raw: any;
}

/** Log lines of the bot at warn level and above, parsed (the harness reads them for warnings). */
export type LogLine = { level: number; msg: string; [k: string]: unknown };

/** Starts the bot the way `region-lock-bot start` does: startBot(loadConfig(env), { store, logger }). */
export async function startWithStartBot(env: Record<string, string>, logs: LogLine[] = []): Promise<Started> {
  const { loadConfig } = await import('../../src/config.js');
  const { MemoryStore } = await import('../../src/store/memory.js');
  const { createLogger } = await import('../../src/ops/logger.js');
  const { startBot } = await import('../../src/server/start-bot.js');
  const config = loadConfig({ ...env });
  const store = new MemoryStore();
  const destination = {
    write(line: string) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // not JSON: ignore
      }
      if (process.env.TEST_LOG_LEVEL) process.stderr.write(line);
    },
  };
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'warn', format: 'json', destination });
  const running = await startBot(config, { store, logger });
  return { raw: running, stop: () => running.stop() };
}

export interface HarnessOptions {
  env?: Record<string, string>;
  start?: (env: Record<string, string>, logs: LogLine[]) => Promise<Started>;
  heartbeatIntervalMs?: number;
}

export class DiscordHarness {
  fake: FakeDiscord;
  readonly logs: LogLine[] = [];
  private started: Started | undefined;
  private dataDir = '';
  readonly agent = person('Agent Smith');

  constructor(opts: { heartbeatIntervalMs?: number } = {}) {
    this.fake = new FakeDiscord(opts);
  }

  env(): Record<string, string> {
    return {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      LOG_FORMAT: 'json',
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_AGENT_CHANNEL_ID: AGENT_CHANNEL_ID,
      DISCORD_API_URL: this.fake.apiUrl,
    };
  }

  async start(opts: HarnessOptions = {}): Promise<this> {
    await this.fake.start();
    this.dataDir = mkdtempSync(join(tmpdir(), 'rlb-discord-'));
    const env = { ...this.env(), ...(opts.env ?? {}) };
    this.started = await (opts.start ?? startWithStartBot)(env, this.logs);
    return this;
  }

  async stop(): Promise<void> {
    await this.started?.stop().catch(() => undefined);
    await this.fake.stop();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Warnings (pino level 40) logged by the bot whose message matches. */
  warnings(pattern: RegExp): LogLine[] {
    return this.logs.filter((l) => l.level === 40 && pattern.test(l.msg));
  }

  /** Errors (pino level 50+) logged by the bot. */
  errors(): LogLine[] {
    return this.logs.filter((l) => l.level >= 50);
  }

  get raw(): any {
    return this.started?.raw;
  }

  /** The DM channel between the bot and a user (created on first use, like Discord does). */
  dmChannel(user: FakeUser): string {
    const existing = [...this.fake.channels.values()].find((c) => c.type === 1 && c.recipients?.[0]?.id === user.id);
    if (existing) return existing.id;
    const id = snowflake();
    this.fake.addChannel({ id, type: 1, recipients: [user], last_message_id: null, flags: 0 });
    this.fake.addUser(user);
    return id;
  }

  private baseMessage(author: FakeUser, channelId: string, content: string) {
    return {
      id: snowflake(),
      type: 0,
      channel_id: channelId,
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [] as unknown[],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
      nonce: snowflake(),
    };
  }

  /** A DM from `user` to the bot (MESSAGE_CREATE; DMs carry channel_type 1 and no guild_id). */
  dm(user: FakeUser, text: string): any {
    const message = { ...this.baseMessage(user, this.dmChannel(user), text), channel_type: 1 };
    this.fake.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  /** A message in a server channel or thread; `mention` puts "@bot" in front (and in mentions[]). */
  guildMessage(user: FakeUser, text: string, opts: { channelId?: string; mention?: boolean; extra?: Record<string, unknown> } = {}): any {
    const channelId = opts.channelId ?? PUBLIC_CHANNEL_ID;
    const content = opts.mention ? `<@${BOT_USER.id}> ${text}` : text;
    this.fake.addUser(user);
    const message = {
      ...this.baseMessage(user, channelId, content),
      guild_id: GUILD_ID,
      member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      mentions: opts.mention ? [{ ...BOT_USER, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }] : [],
      ...(opts.extra ?? {}),
    };
    this.fake.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  private interactionBase(user: FakeUser, channelId: string, inGuild: boolean, permissions = '0') {
    const channel = this.fake.channels.get(channelId) ?? { id: channelId, type: 0, guild_id: GUILD_ID, name: 'x' };
    return {
      id: snowflake(),
      application_id: APP_ID,
      token: `interaction-token-${snowflake()}`,
      version: 1,
      channel_id: channelId,
      channel: channel.type === 1 ? { id: channel.id, type: 1, recipients: channel.recipients, flags: 0, last_message_id: null } : channel,
      ...(inGuild
        ? {
            guild_id: GUILD_ID,
            guild_locale: 'en-US',
            member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions, nick: null },
          }
        : { user }),
      app_permissions: '397821540416',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD_ID },
      context: inGuild ? 0 : 1,
      attachment_size_limit: 10_485_760,
    };
  }

  /** A click on the button labelled `label` (string or pattern) of a message the bot posted. */
  click(message: any, label: string | RegExp, user: FakeUser): any {
    const button = buttonsOf(message).find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
    if (!button)
      throw new Error(
        `no button ${String(label)} on message ${message?.id}: ${buttonsOf(message)
          .map((b) => b.label)
          .join(', ')}`,
      );
    return this.clickCustomId(message, button.custom_id, user);
  }

  clickCustomId(message: any, customId: string, user: FakeUser): any {
    const channel = this.fake.channels.get(message.channel_id);
    const inGuild = !!channel?.guild_id;
    const interaction = {
      ...this.interactionBase(user, message.channel_id, inGuild, inGuild ? '8192' : '0'),
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message: { ...message },
    };
    this.fake.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  }

  /** A slash command (`/name option:value`) used by `user` in a server channel (or a DM). */
  slash(user: FakeUser, name: string, options: Record<string, string>, opts: { channelId?: string; dm?: boolean; permissions?: string } = {}): any {
    const channelId = opts.dm ? this.dmChannel(user) : (opts.channelId ?? PUBLIC_CHANNEL_ID);
    const interaction = {
      ...this.interactionBase(user, channelId, !opts.dm, opts.permissions ?? '8192'),
      type: 2,
      data: { id: snowflake(), name, type: 1, options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })) },
    };
    this.fake.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  }

  /** The message context-menu command "Triage ticket" used on `target`. */
  messageCommand(user: FakeUser, name: string, target: any): any {
    const interaction = {
      ...this.interactionBase(user, target.channel_id, true, '8192'),
      type: 2,
      data: { id: snowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } },
    };
    this.fake.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  }

  /** Picks `value` in the select menu with custom id `customId` on a message the bot posted. */
  select(message: any, customId: string, value: string, user: FakeUser): any {
    const channel = this.fake.channels.get(message.channel_id);
    const inGuild = !!channel?.guild_id;
    const interaction = {
      ...this.interactionBase(user, message.channel_id, inGuild, inGuild ? '8192' : '0'),
      type: 3,
      data: { custom_id: customId, component_type: 3, values: [value] },
      message: { ...message },
    };
    this.fake.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  }

  /** Submits the form (modal) with custom id `customId`: one text input `inputId` = value. */
  submitModal(user: FakeUser, customId: string, inputId: string, value: string, message?: any): any {
    const interaction = {
      ...this.interactionBase(user, message?.channel_id ?? AGENT_CHANNEL_ID, true, '8192'),
      type: 5,
      data: { custom_id: customId, components: [{ type: 18, id: 1, component: { type: 4, id: 2, custom_id: inputId, value } }] },
      ...(message ? { message } : {}),
    };
    this.fake.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  }

  /** Bot messages in a channel posted after `after` (a message id), oldest first. */
  posted(channelId: string, after?: string): any[] {
    return this.fake.messagesIn(channelId).filter((m) => !after || BigInt(m.id) > BigInt(after));
  }

  /** The latest version of a message the bot posted. */
  message(id: string): any {
    return this.fake.messages.get(id);
  }

  /** Interaction callback bodies for an interaction. */
  callbacksOf(interaction: { id: string }): any[] {
    return this.fake.callbacks(interaction.id).map((r) => r.body);
  }

  /** Waits for the interaction's first callback body ({ type, data }). */
  callbackOf(interaction: { id: string }, what = 'the interaction callback'): Promise<any> {
    return waitFor(() => this.callbacksOf(interaction)[0], what);
  }

  /** Follow-up messages (POST /webhooks/app/token) for an interaction. */
  followUpsOf(interaction: { token: string }): RecordedRequest[] {
    return this.fake.calls('POST', new RegExp(`^/webhooks/${APP_ID}/${interaction.token}$`));
  }
}

/** Lets in-flight handlers finish: waits until the fake has seen no request for `quietMs`. */
export async function settle(h: DiscordHarness, quietMs = 300, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = h.fake.requests.length;
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(25);
    if (h.fake.requests.length !== count) {
      count = h.fake.requests.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}
