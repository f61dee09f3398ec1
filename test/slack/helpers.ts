// Test harness: a fake Slack Web API, the real bot started like `region-lock-bot start`, and
// correctly signed requests to POST /slack/events.
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack, FAKE_BOT_ID, FAKE_BOT_USER, FAKE_TEAM, type RecordedCall } from './fake/slack-api';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/ops/logger';
import { openDefaultStore } from '../../src/store/default';
import { startBot, type RunningBot } from '../../src/server/start-bot';
import { sleep, waitFor } from '../helpers/wait';

export { FakeSlack, FAKE_BOT_ID, FAKE_BOT_USER, FAKE_TEAM };
export const SIGNING_SECRET = 'test-signing-secret-8d1f0c';
export const BOT_TOKEN = 'xoxb-test-0000-fake';
export const AGENT_CHANNEL = 'C0AGENTS';
export { sleep, waitFor };

export function sign(body: string, ts = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) };
}

/** All mrkdwn text of a recorded message call (text + section/context blocks). */
export function textOf(call: RecordedCall | { params: Record<string, any> } | { body: Record<string, any> }): string {
  const p = 'params' in call ? call.params : call.body;
  const parts: string[] = [String(p.text ?? '')];
  for (const b of (p.blocks ?? []) as any[]) {
    if (b.text?.text) parts.push(b.text.text);
    for (const f of b.fields ?? []) if (typeof f.text === 'string') parts.push(f.text);
    for (const e of b.elements ?? []) if (typeof e.text === 'string') parts.push(e.text);
  }
  return parts.join('\n');
}

export function buttonsOf(call: RecordedCall): { action_id: string; block_id: string; label: string; value: string }[] {
  const out: { action_id: string; block_id: string; label: string; value: string }[] = [];
  for (const b of (call.params.blocks ?? []) as any[]) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements ?? []) if (e.type === 'button') out.push({ action_id: e.action_id, block_id: b.block_id, label: e.text?.text, value: e.value });
  }
  return out;
}

/** The bot's structured log lines, kept in memory so that tests can check what was logged. */
export class LogCapture {
  readonly lines: Record<string, any>[] = [];
  /** pino destination stream. */
  write(chunk: string): void {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      try {
        this.lines.push(JSON.parse(line));
      } catch {
        this.lines.push({ msg: line });
      }
      if (process.env.TEST_LOG) process.stdout.write(`${line}\n`);
    }
  }
  /** Lines whose message matches, at `minLevel` (pino numbers: 40 warn, 50 error) or above. */
  find(msg: RegExp, minLevel = 0): Record<string, any>[] {
    return this.lines.filter((l) => (l.level ?? 0) >= minLevel && msg.test(String(l.msg ?? '')));
  }
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Another way to start the bot (benchmarks); by default it starts like `region-lock-bot start`. */
  start?: (env: Record<string, string>) => Promise<{ url: string; stop(): Promise<void> }>;
}

export const WARN = 40;
export const ERROR = 50;

export function baseEnv(fake: FakeSlack, dataDir: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_AGENT_CHANNEL: AGENT_CHANNEL,
    SLACK_API_URL: fake.apiUrl,
  };
}

/**
 * Starts the bot the way `region-lock-bot start` does (src/cli/commands/start.ts): settings from the
 * environment, the on-disk store in DATA_DIR, startBot(); only the log goes to memory instead of stdout.
 */
export async function startLikeCli(env: Record<string, string>, logs: LogCapture): Promise<{ bot: RunningBot; stop(): Promise<void> }> {
  const config = loadConfig(env);
  // LOG_LEVEL stays "silent" for benchmarks that reuse this harness; the captured log is always at info.
  const logger = createLogger({ level: 'info', format: 'json', destination: logs });
  const { store } = await openDefaultStore(config.dataDir, config.maxStoreMb);
  let bot: RunningBot;
  try {
    bot = await startBot(config, { store, logger });
  } catch (err) {
    await store.close();
    throw err;
  }
  return {
    bot,
    stop: async () => {
      await bot.stop();
      await store.close();
    },
  };
}

export class SlackHarness {
  readonly fake = new FakeSlack();
  readonly logs = new LogCapture();
  url = '';
  private started: { url: string; stop(): Promise<void>; bot?: RunningBot } | undefined;
  private dataDir = '';
  private seq = 0;

  /** Starts the fake Slack first (the bot calls auth.test while starting), then the bot. */
  async start(opts: HarnessOptions = {}): Promise<this> {
    await this.fake.start();
    this.dataDir = mkdtempSync(join(tmpdir(), 'rlb-slack-'));
    const env = { ...baseEnv(this.fake, this.dataDir), ...(opts.env ?? {}) };
    if (opts.start) {
      this.started = await opts.start(env);
      this.url = this.started.url;
    } else {
      const started = await startLikeCli(env, this.logs);
      this.started = { url: started.bot.url, stop: started.stop, bot: started.bot };
      this.url = started.bot.url;
    }
    return this;
  }

  async stop(): Promise<void> {
    await this.started?.stop().catch(() => undefined);
    await this.fake.stop();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  get bot(): RunningBot {
    if (!this.started?.bot) throw new Error('the bot was not started by startLikeCli');
    return this.started.bot;
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${Date.now().toString(36).toUpperCase()}${this.seq}`;
  }

  nextTs(): string {
    this.seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  /** POSTs a raw body to /slack/events with a correct signature (unless headers override it). */
  async post(body: string, contentType: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...sign(body), ...headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, text: await res.text() };
  }

  eventEnvelope(event: Record<string, unknown>, eventId = this.nextId('Ev')): Record<string, unknown> {
    return {
      token: 'legacy-verification-token',
      team_id: FAKE_TEAM,
      api_app_id: 'A0FAKE',
      event: { event_ts: event.ts, ...event },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
  }

  async sendEvent(event: Record<string, unknown>, opts: { eventId?: string; headers?: Record<string, string> } = {}) {
    const body = JSON.stringify(this.eventEnvelope(event, opts.eventId));
    return this.post(body, 'application/json', opts.headers);
  }

  /** A DM from `user` to the bot. */
  async dm(text: string, opts: { user?: string; channel?: string; eventId?: string } = {}) {
    const user = opts.user ?? 'U0ALICE';
    const ts = this.nextTs();
    const res = await this.sendEvent(
      { type: 'message', channel: opts.channel ?? `D${user.slice(1)}`, channel_type: 'im', user, text, ts, team: FAKE_TEAM, client_msg_id: randomUUID() },
      { eventId: opts.eventId },
    );
    return { ...res, ts };
  }

  async mention(text: string, opts: { user?: string; channel?: string; threadTs?: string } = {}) {
    const ts = this.nextTs();
    const res = await this.sendEvent({
      type: 'app_mention',
      channel: opts.channel ?? 'C0PUBLIC',
      user: opts.user ?? 'U0BOB',
      text: `<@${FAKE_BOT_USER}> ${text}`,
      ts,
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
      team: FAKE_TEAM,
    });
    return { ...res, ts };
  }

  async threadMessage(text: string, threadTs: string, opts: { user?: string; channel?: string; channelType?: string } = {}) {
    const ts = this.nextTs();
    const res = await this.sendEvent({
      type: 'message',
      channel: opts.channel ?? 'C0PUBLIC',
      channel_type: opts.channelType ?? 'channel',
      user: opts.user ?? 'U0BOB',
      text,
      ts,
      thread_ts: threadTs,
      team: FAKE_TEAM,
    });
    return { ...res, ts };
  }

  async command(text: string, opts: { user?: string; channel?: string } = {}) {
    const responseUrl = this.fake.responseUrl();
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: FAKE_TEAM,
      team_domain: 'fake',
      channel_id: opts.channel ?? 'C0SUPPORT',
      channel_name: 'support',
      user_id: opts.user ?? 'U0AGENT',
      user_name: 'agent',
      command: '/regionlock',
      text,
      api_app_id: 'A0FAKE',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: this.nextId('trig.'),
    }).toString();
    const res = await this.post(form, 'application/x-www-form-urlencoded');
    return { ...res, responseId: responseUrl.split('/').pop()! };
  }

  async interaction(payload: Record<string, unknown>, headers: Record<string, string> = {}) {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(form, 'application/x-www-form-urlencoded', headers);
  }

  /** Clicks the button labelled `label` on a message the bot posted (as recorded by the fake). */
  async click(message: RecordedCall, label: string | RegExp, opts: { user?: string; ts?: string } = {}) {
    const buttons = buttonsOf(message);
    const button = buttons.find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
    if (!button) throw new Error(`no button ${String(label)} among ${buttons.map((b) => b.label).join(', ')}`);
    const ts = opts.ts ?? this.tsOf(message);
    const channel = String(message.params.channel);
    const responseUrl = this.fake.responseUrl();
    const user = opts.user ?? 'U0ALICE';
    const payload = {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
      api_app_id: 'A0FAKE',
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: ts,
        channel_id: channel,
        is_ephemeral: false,
        ...(message.params.thread_ts ? { thread_ts: message.params.thread_ts } : {}),
      },
      trigger_id: this.nextId('trig.'),
      team: { id: FAKE_TEAM, domain: 'fake' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'public' },
      message: {
        type: 'message',
        user: FAKE_BOT_USER,
        bot_id: FAKE_BOT_ID,
        ts,
        text: message.params.text,
        blocks: message.params.blocks,
        ...(message.params.thread_ts ? { thread_ts: message.params.thread_ts } : {}),
      },
      state: { values: {} },
      response_url: responseUrl,
      actions: [
        {
          action_id: button.action_id,
          block_id: button.block_id,
          text: { type: 'plain_text', text: button.label, emoji: true },
          value: button.value,
          type: 'button',
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    const res = await this.interaction(payload);
    return { ...res, payload };
  }

  /** The ts the fake gave a recorded chat.postMessage call. */
  tsOf(call: RecordedCall): string {
    const ts = call.result?.ts;
    if (typeof ts !== 'string') throw new Error(`no ts recorded for this ${call.method} call`);
    return ts;
  }

  async shortcut(messageText: string, opts: { user?: string; channel?: string } = {}) {
    const responseUrl = this.fake.responseUrl();
    const ts = this.nextTs();
    const payload = {
      type: 'message_action',
      token: 'legacy-verification-token',
      action_ts: `${Date.now() / 1000}`,
      team: { id: FAKE_TEAM, domain: 'fake' },
      user: { id: opts.user ?? 'U0AGENT', username: 'agent', name: 'agent', team_id: FAKE_TEAM },
      channel: { id: opts.channel ?? 'C0SUPPORT', name: 'support' },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: 'triage_ticket',
      trigger_id: this.nextId('trig.'),
      response_url: responseUrl,
      message_ts: ts,
      message: { type: 'message', user: 'U0CUSTOMER', ts, text: messageText, client_msg_id: randomUUID() },
    };
    const res = await this.interaction(payload);
    return { ...res, responseId: responseUrl.split('/').pop()! };
  }

  /** chat.postMessage calls after index `from`, optionally only in one channel/thread. */
  posts(filter: { channel?: string; threadTs?: string; from?: number } = {}): RecordedCall[] {
    return this.fake
      .callsOf('chat.postMessage')
      .filter((_c, i) => i >= (filter.from ?? 0))
      .filter((c) => (filter.channel ? c.params.channel === filter.channel : true))
      .filter((c) => (filter.threadTs ? c.params.thread_ts === filter.threadTs : true));
  }
}

/**
 * Proves the bot still answers and gives stray handlers time to run: a fresh user says hello and
 * the reply is awaited, then a short pause.
 */
export async function settle(h: SlackHarness, pauseMs = 300): Promise<void> {
  const user = h.nextId('U0SETTLE');
  const channel = `D${user.slice(1)}`;
  const before = h.posts({ channel }).length;
  await h.dm('hello', { user, channel });
  await waitFor(() => h.posts({ channel }).length > before, `a reply to the settle message in ${channel}`);
  await sleep(pauseMs);
}
