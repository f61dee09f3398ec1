// A local stand-in for the Slack Web API (and Socket Mode), for tests. It records every call
// (Web API methods, response_url posts, socket acknowledgements) and can be told to fail.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  method: string;
  /** Form fields / JSON body; JSON-string fields such as `blocks` are parsed. */
  params: Record<string, any>;
  token?: string;
  at: number;
  /** What the fake answered (e.g. the ts of a posted message). */
  result?: Record<string, any>;
}

export interface ResponsePost {
  id: string;
  body: Record<string, any>;
  at: number;
}

export interface Fault {
  status?: number;
  retryAfter?: number;
  /** Slack error code for an ok:false answer with HTTP 200. */
  error?: string;
}

export const FAKE_TEAM = 'T0FAKE';
export const FAKE_BOT_USER = 'U0BOT';
export const FAKE_BOT_ID = 'B0BOT';

const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view'];

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly socketAcks: Record<string, any>[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private sockets = new Set<WebSocket>();
  private tsCounter = 0;
  private responseCounter = 0;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url that records what is posted to it. */
  responseUrl(): string {
    this.responseCounter += 1;
    return `http://127.0.0.1:${this.port}/response/${this.responseCounter}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      this.wss!.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        ws.on('message', (data) => {
          try {
            this.socketAcks.push(JSON.parse(data.toString()));
          } catch {
            /* not JSON: ignored */
          }
        });
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake' } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections?.();
      this.server.close(() => resolve());
    });
  }

  /** The next `count` calls of `method` fail with this fault. */
  failNext(method: string, fault: Fault, count = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(fault);
    this.faults.set(method, list);
  }

  /** Drops the faults still queued for `method` (all methods when omitted). */
  clearFaults(method?: string): void {
    if (method) this.faults.delete(method);
    else this.faults.clear();
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Sends an envelope over every open Socket Mode connection; returns its envelope id. */
  sendSocketEnvelope(type: 'events_api' | 'slash_commands' | 'interactive', payload: Record<string, unknown>): string {
    const envelopeId = `env-${Math.random().toString(36).slice(2)}`;
    const message = JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: 0,
      retry_reason: '',
    });
    for (const ws of this.sockets) ws.send(message);
    return envelopeId;
  }

  get socketConnections(): number {
    return this.sockets.size;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${1_700_000_000 + this.tsCounter}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await this.readBody(req);
    if (url.pathname.startsWith('/response/')) {
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(raw);
      } catch {
        body = { raw };
      }
      this.responses.push({ id: url.pathname.slice('/response/'.length), body, at: Date.now() });
      const fault = this.takeFault('response_url');
      if (fault) {
        res.writeHead(fault.status ?? 500).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const type = (req.headers['content-type'] ?? '').split(';')[0];
    let params: Record<string, any> = {};
    if (type === 'application/json') {
      try {
        params = JSON.parse(raw || '{}');
      } catch {
        params = {};
      }
    } else {
      params = { ...parseQuery(raw) };
    }
    for (const f of JSON_FIELDS) {
      if (typeof params[f] === 'string') {
        try {
          params[f] = JSON.parse(params[f]);
        } catch {
          /* left as a string */
        }
      }
    }
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : (params.token as string | undefined);
    const call: RecordedCall = { method, params, token, at: Date.now() };
    this.calls.push(call);

    const fault = this.takeFault(method);
    if (fault?.status) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      res.writeHead(fault.status, headers).end(JSON.stringify({ ok: false, error: fault.status === 429 ? 'ratelimited' : 'fake_failure' }));
      return;
    }
    if (fault?.error) {
      this.json(res, { ok: false, error: fault.error });
      return;
    }
    call.result = this.answer(method, params);
    this.json(res, call.result);
  }

  private takeFault(method: string): Fault | undefined {
    const list = this.faults.get(method);
    const fault = list?.shift();
    if (list && !list.length) this.faults.delete(method);
    return fault;
  }

  private answer(method: string, p: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake Team',
          user: 'regionlockbot',
          team_id: FAKE_TEAM,
          user_id: FAKE_BOT_USER,
          bot_id: FAKE_BOT_ID,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return {
          ok: true,
          channel: p.channel,
          ts,
          message: { type: 'message', text: p.text, user: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, ts, thread_ts: p.thread_ts, blocks: p.blocks },
        };
      }
      case 'chat.update':
        return { ok: true, channel: p.channel, ts: p.ts, text: p.text, message: { text: p.text, blocks: p.blocks } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.getPermalink':
        return { ok: true, channel: p.channel, permalink: `https://fake.slack.test/archives/${p.channel}/p${String(p.message_ts).replace('.', '')}` };
      case 'conversations.open': {
        const user = String(p.users ?? p.user ?? 'U0').split(',')[0];
        return { ok: true, channel: { id: `D${user.replace(/^U/, '')}` } };
      }
      case 'users.info': {
        // Display names the tests can predict: U0AGENT → "Agent U0AGENT".
        const id = String(p.user ?? 'U0');
        return { ok: true, user: { id, name: id.toLowerCase(), real_name: `Agent ${id}`, profile: { display_name: `Agent ${id}`, real_name: `Agent ${id}` } } };
      }
      case 'views.open':
        return { ok: true, view: { id: 'V0FAKE' } };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private json(res: ServerResponse, body: Record<string, unknown>): void {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}
