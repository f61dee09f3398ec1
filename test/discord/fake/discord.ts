// A local fake of Discord for the real discord.js client: the REST API under /api/v10 and the
// gateway (WebSocket) on the same 127.0.0.1 port. It records every request the bot makes, keeps the
// messages it posts, and lets a test dispatch gateway events, force reconnects and inject failures.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_TOKEN = 'fake-discord-bot-token.XYZ.0123456789';
const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;
/** A fresh snowflake (time-ordered, unique within the process). */
export function snowflake(): string {
  counter += 1n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + (counter % 4096n)).toString();
}

export const BOT_USER = { id: '1100000000000000001', username: 'regionlockbot', discriminator: '0', global_name: 'Region Lock Bot', avatar: null, bot: true };
export const APP_ID = BOT_USER.id;
export const GUILD_ID = '1100000000000000100';
export const PUBLIC_CHANNEL_ID = '1100000000000000200';
export const AGENT_CHANNEL_ID = '1100000000000000300';
/** A channel where the fake answers 403 Missing Permissions to the bot. */
export const LOCKED_CHANNEL_ID = '1100000000000000400';
const BOT_ROLE_ID = '1100000000000000500';

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  query: URLSearchParams;
  body: any;
  authorization: string | undefined;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  times: number;
}

export function textChannel(id: string, name: string) {
  return {
    id,
    type: 0,
    guild_id: GUILD_ID,
    name,
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

function guildPayload() {
  return {
    id: GUILD_ID,
    name: 'Exchange Community',
    icon: null,
    owner_id: '1100000000000009999',
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 3,
    roles: [
      { id: GUILD_ID, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '68608', managed: false, mentionable: false, flags: 0 },
      {
        id: BOT_ROLE_ID,
        name: 'Region Lock Bot',
        color: 0,
        hoist: false,
        position: 1,
        permissions: '397821540416',
        managed: true,
        mentionable: false,
        flags: 0,
        tags: { bot_id: BOT_USER.id },
      },
    ],
    emojis: [],
    stickers: [],
    channels: [textChannel(PUBLIC_CHANNEL_ID, 'support'), textChannel(AGENT_CHANNEL_ID, 'support-agents'), textChannel(LOCKED_CHANNEL_ID, 'announcements')],
    threads: [],
    members: [{ user: BOT_USER, roles: [BOT_ROLE_ID], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Every message the bot posted or edited, by id (latest version). */
  readonly messages = new Map<string, any>();
  readonly channels = new Map<string, any>();
  readonly users = new Map<string, any>([[BOT_USER.id, BOT_USER]]);
  readonly gatewayLog: { op: number; d?: any }[] = [];
  identifies = 0;
  resumes = 0;
  heartbeats = 0;
  private readonly failures: Failure[] = [];
  private readonly server = http.createServer((req, res) => void this.onRequest(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | null = null;
  private identified = false;
  private sessionId = '';
  private seq = 0;
  /** Events dispatched while the bot was disconnected; replayed on RESUME like Discord does. */
  private missed: { t: string; d: unknown }[] = [];
  private readonly lockedChannels = new Set<string>([LOCKED_CHANNEL_ID]);
  port = 0;

  constructor(private readonly opts: { heartbeatIntervalMs?: number } = {}) {
    for (const c of guildPayload().channels) this.channels.set(c.id, c);
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGateway(ws, req.url ?? ''));
    });
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------- test controls ----------

  /** The next `times` requests matching method+path get this error response instead. */
  fail(method: string, path: RegExp, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}, times = 1): void {
    this.failures.push({ method: method.toUpperCase(), path, status, body, headers, times });
  }

  /** Answers 429 with retry_after (seconds) once for the matching request. */
  rateLimitOnce(method: string, path: RegExp, retryAfterSeconds = 0.4): void {
    this.fail(
      method,
      path,
      429,
      { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-scope': 'user',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(retryAfterSeconds),
      },
    );
  }

  get connected(): boolean {
    return !!this.socket && this.identified;
  }

  /** Sends a dispatch (op 0) event, or keeps it for replay when the bot is disconnected. */
  dispatch(t: string, d: unknown): void {
    if (!this.socket || !this.identified || this.socket.readyState !== this.socket.OPEN) {
      this.missed.push({ t, d });
      return;
    }
    this.send({ op: 0, t, s: ++this.seq, d });
  }

  /** Op 7: Discord asks the client to reconnect and resume. */
  requestReconnect(): void {
    this.send({ op: 7, d: null });
  }

  /** Op 9 INVALID_SESSION (not resumable): the client must identify again with a new session. */
  invalidateSession(): void {
    this.send({ op: 9, d: false });
  }

  /** Drops the TCP connection without a close frame (a network failure). */
  dropConnection(): void {
    this.identified = false;
    this.socket?.terminate();
    this.socket = null;
  }

  /** Requests made by the bot matching method + path. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Messages the bot posted in a channel, oldest first. */
  messagesIn(channelId: string): any[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId);
  }

  /** Interaction callbacks (type 4 reply, 6 deferred update, 7 update, 9 modal) for an interaction id. */
  callbacks(interactionId?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.method === 'POST' &&
        /^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path) &&
        (!interactionId || r.path.startsWith(`/interactions/${interactionId}/`)),
    );
  }

  addChannel(channel: any): void {
    this.channels.set(channel.id, channel);
  }

  addUser(user: any): void {
    this.users.set(user.id, user);
  }

  // ---------- gateway ----------

  private send(payload: unknown): void {
    if (this.socket?.readyState === this.socket?.OPEN) this.socket?.send(JSON.stringify(payload));
  }

  private onGateway(ws: WebSocket, url: string): void {
    const query = new URL(url, 'ws://x').searchParams;
    if (query.get('v') !== '10' || query.get('encoding') !== 'json') {
      ws.close(4012, 'Invalid API version');
      return;
    }
    this.socket?.terminate();
    this.socket = ws;
    this.identified = false;
    ws.on('message', (raw) => this.onGatewayMessage(ws, raw.toString()));
    ws.on('close', () => {
      if (this.socket === ws) {
        this.socket = null;
        this.identified = false;
      }
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs ?? 1000 } }));
  }

  private onGatewayMessage(ws: WebSocket, raw: string): void {
    if (ws !== this.socket) return;
    let payload: { op: number; d?: any };
    try {
      payload = JSON.parse(raw);
    } catch {
      ws.close(4002, 'Decode error');
      return;
    }
    this.gatewayLog.push(payload);
    switch (payload.op) {
      case 1:
        this.heartbeats++;
        this.send({ op: 11 });
        return;
      case 2: {
        if (payload.d?.token !== BOT_TOKEN) {
          ws.close(4004, 'Authentication failed');
          return;
        }
        this.identifies++;
        this.identified = true;
        this.sessionId = `session-${snowflake()}`;
        this.seq = 0;
        this.missed = [];
        this.send({
          op: 0,
          t: 'READY',
          s: ++this.seq,
          d: {
            v: 10,
            user: BOT_USER,
            guilds: [{ id: GUILD_ID, unavailable: true }],
            session_id: this.sessionId,
            resume_gateway_url: this.gatewayUrl,
            shard: [0, 1],
            application: { id: APP_ID, flags: 0 },
          },
        });
        this.send({ op: 0, t: 'GUILD_CREATE', s: ++this.seq, d: { ...guildPayload(), threads: [...this.channels.values()].filter((c) => c.type === 11) } });
        return;
      }
      case 6: {
        if (payload.d?.token !== BOT_TOKEN || payload.d?.session_id !== this.sessionId) {
          this.send({ op: 9, d: false });
          return;
        }
        this.resumes++;
        this.identified = true;
        const missed = this.missed;
        this.missed = [];
        for (const e of missed) this.send({ op: 0, t: e.t, s: ++this.seq, d: e.d });
        this.send({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} });
        return;
      }
      default:
        return;
    }
  }

  // ---------- REST ----------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const recorded: RecordedRequest = { method, path, query: url.searchParams, body, authorization: req.headers.authorization };
    this.requests.push(recorded);

    const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(data));
    };
    if (!url.pathname.startsWith('/api/v10/')) return json(404, { message: '404: Not Found', code: 0 });

    const failure = this.failures.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (failure) {
      failure.times--;
      return json(failure.status, failure.body, failure.headers);
    }

    const tokenless = /^\/(interactions|webhooks)\//.test(path);
    if (!tokenless && req.headers.authorization !== `Bot ${BOT_TOKEN}`) return json(401, { message: '401: Unauthorized', code: 0 });

    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return json(200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } });
    }
    if (method === 'GET' && (m = /^\/users\/(@me|\d+)$/.exec(path))) {
      const user = m[1] === '@me' ? BOT_USER : this.users.get(m[1]);
      return user ? json(200, user) : json(404, { message: 'Unknown User', code: 10013 });
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      const channel = this.channels.get(m[1]);
      return channel ? json(200, channel) : json(404, { message: 'Unknown Channel', code: 10003 });
    }
    if ((m = /^\/channels\/(\d+)\/messages(?:\/(\d+))?(\/threads|\/reactions\/.+)?$/.exec(path))) {
      const [, channelId, messageId, sub] = m;
      if (this.lockedChannels.has(channelId) && method !== 'GET') return json(403, { message: 'Missing Permissions', code: 50013 });
      if (method === 'POST' && !messageId) return json(200, this.createMessage(channelId, body));
      if (method === 'PATCH' && messageId && !sub) {
        const existing = this.messages.get(messageId);
        if (!existing) return json(404, { message: 'Unknown Message', code: 10008 });
        const updated = { ...existing, ...body, edited_timestamp: new Date().toISOString() };
        this.messages.set(messageId, updated);
        return json(200, updated);
      }
      if (method === 'POST' && messageId && sub === '/threads') return json(201, this.createThread(channelId, messageId, body));
      if (method === 'PUT' && sub?.startsWith('/reactions/')) {
        res.writeHead(204).end();
        return;
      }
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      // Discord answers interaction callbacks with 204 and no body (no content-type).
      res.writeHead(204).end();
      return;
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) {
      if (method === 'POST' && !m[3]) return json(200, this.createMessage(`webhook-${m[2].slice(0, 12)}`, body));
      if (method === 'PATCH' && m[3]) return json(200, { ...this.createMessage(`webhook-${m[2].slice(0, 12)}`, body) });
    }
    if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (m[1] !== APP_ID) return json(403, { message: 'Missing Access', code: 50001 });
      const list = (Array.isArray(body) ? body : []).map((c: any) => ({
        ...c,
        id: snowflake(),
        application_id: APP_ID,
        version: snowflake(),
        ...(m![2] ? { guild_id: m![2] } : {}),
      }));
      return json(200, list);
    }
    return json(404, { message: '404: Not Found', code: 0 });
  }

  private createMessage(channelId: string, body: any): any {
    const message = {
      id: snowflake(),
      type: 0,
      channel_id: channelId,
      author: BOT_USER,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: body?.flags ?? 0,
      ...(this.channels.get(channelId)?.guild_id ? { guild_id: this.channels.get(channelId).guild_id } : {}),
    };
    this.messages.set(message.id, message);
    return message;
  }

  private createThread(parentId: string, messageId: string, body: any): any {
    // A thread started from a message has the message's id.
    const thread = {
      id: messageId,
      type: 11,
      guild_id: GUILD_ID,
      parent_id: parentId,
      owner_id: BOT_USER.id,
      name: body?.name ?? 'thread',
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      flags: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: body?.auto_archive_duration ?? 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
      member: { id: messageId, user_id: BOT_USER.id, join_timestamp: new Date().toISOString(), flags: 1 },
    };
    this.channels.set(thread.id, thread);
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return thread;
  }
}
