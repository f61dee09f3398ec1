// The real `region-lock-bot start` process against hostile HTTP: oversized Slack bodies, foreign
// Host headers, framing, sniffing, echoed bodies, a backend without its token, one client opening
// conversation after conversation, and bad settings. Loopback only.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../slack/fake/slack-api';
import { assertCliBuilt, killStartedProcesses, processEnv, spawnStart, startBotProcess, withDeadline, type BotProcess } from '../helpers/cli-process';
import { ChatSocket } from '../web/ws-client';
import { waitFor } from '../helpers/wait';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rlb-hard-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  killStartedProcesses();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A raw HTTP request, so that the Host header and the body are exactly what a hostile client sends. */
function raw(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err),
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('hostile HTTP against the real process', () => {
  const fake = new FakeSlack();
  let bot: BotProcess;
  const token = 'test-api-token-0123456789';
  beforeAll(async () => {
    assertCliBuilt();
    await fake.start();
    bot = await startBotProcess(tempDir(), {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_AGENT_CHANNEL: 'C0AGENTS',
      SLACK_API_URL: fake.apiUrl,
      WEB_API_TOKEN: token,
      LOG_LEVEL: 'debug',
    });
  }, 60_000);
  afterAll(async () => {
    await fake.stop();
  });

  it('answers a Slack body over the limit with 413 and no stack trace', async () => {
    const r = await raw(bot.url, {
      method: 'POST',
      path: '/slack/events',
      headers: { 'content-type': 'application/json', 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) },
      body: Buffer.alloc(2 * 1024 * 1024, 'a'),
    });
    expect(r.status).toBe(413);
    await waitFor(() => /slack request rejected/.test(bot.output()), 'the rejection log line');
    expect(bot.output()).not.toMatch(/TypeError|\n\s+at /);
    expect(bot.output()).not.toMatch(/"level":50/); // no error-level line
  });

  it('refuses a Host header it does not serve (DNS rebinding), on pages, APIs and the socket', async () => {
    for (const path of ['/', '/healthz', '/metrics']) {
      expect((await raw(bot.url, { path, headers: { host: 'evil.example:80' } })).status).toBe(421);
    }
    expect((await raw(bot.url, { path: '/healthz', headers: { host: `localhost:${new URL(bot.url).port}` } })).status).toBe(200);
    await expect(ChatSocket.open(bot.url, { host: 'evil.example' })).rejects.toThrow(/403/);
  });

  it('sends frame-ancestors and X-Frame-Options with the page, nosniff with JSON, and never echoes a refused body', async () => {
    const page = await raw(bot.url, { path: '/' });
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const health = await raw(bot.url, { path: '/healthz' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    const secret = '<script>alert("echo-me-0451")</script>';
    const bad = await raw(bot.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: `{"type":"message","user":"${secret}`,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
    expect(bad.body).not.toContain('echo-me-0451');
    const badShape = await raw(bot.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'message', user: secret, text: 'x' }),
    });
    expect(badShape.status).toBe(400);
    expect(badShape.body).not.toContain('echo-me-0451');
  });

  it('requires WEB_API_TOKEN as a Bearer token on /api/messages when it is set', async () => {
    const body = JSON.stringify({ type: 'message', user: 'backend-1', text: 'my region is not supported' });
    const headers = { 'content-type': 'application/json' };
    expect((await raw(bot.url, { method: 'POST', path: '/api/messages', headers, body })).status).toBe(401);
    expect(
      (await raw(bot.url, { method: 'POST', path: '/api/messages', headers: { ...headers, authorization: 'Bearer wrong-token-000000000' }, body })).status,
    ).toBe(401);
    const ok = await raw(bot.url, { method: 'POST', path: '/api/messages', headers: { ...headers, authorization: `Bearer ${token}` }, body });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)[0].intent).toBe('report_lock');
  });

  it('issues the visitor id on the socket, and a guessed id gets a new, empty conversation', async () => {
    const tab = await ChatSocket.open(bot.url);
    await tab.say('visitor', 'my region is not supported');
    const issued = tab.idOf('visitor')!;
    expect(issued).toMatch(/^v1\./);
    const other = await ChatSocket.open(bot.url);
    const guessed = await other.hello('visitor-42');
    expect(guessed.messages).toEqual([]);
    expect(guessed.user).toMatch(/^v1\./);
    other.adopt('visitor', issued);
    expect((await other.hello('visitor')).messages!.length).toBe(2);
    await Promise.all([tab.close(), other.close()]);
  });
});

describe('new conversations per client, against the real process', () => {
  afterEach(() => killStartedProcesses());

  it('stops one client opening more than NEW_CONVERSATIONS_PER_MINUTE conversations; existing ones go on', async () => {
    const bot = await startBotProcess(tempDir(), { NEW_CONVERSATIONS_PER_MINUTE: '5', MAX_CONVERSATIONS: '1000' });
    const post = (user: string, text: string, extra: Record<string, string> = {}) =>
      raw(bot.url, {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json', ...extra },
        body: JSON.stringify({ type: 'message', user, text }),
      });
    for (let i = 0; i < 5; i++) expect((await post(`u${i}`, 'my region is not supported')).status).toBe(200);
    const refused = await post('u-new', 'my region is not supported');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    // An existing conversation of the same client still works.
    expect((await post('u2', 'Every network')).status).toBe(200);
    // Sockets: a hello that would need a new id is refused the same way (same client address).
    const s = await ChatSocket.open(bot.url);
    s.raw({ type: 'hello', user: 'someone-new', channel: 'websocket' });
    const busy = await s.next((f) => f.type === 'message', 'the refusal');
    expect(busy.text).toMatch(/can't take new conversations/);
    await s.close();
    // Without TRUST_PROXY a forged X-Forwarded-For changes nothing: the socket address counts.
    expect((await post('u-xff', 'hi', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
  });

  it('counts X-Forwarded-For clients separately when TRUST_PROXY is set', async () => {
    const bot = await startBotProcess(tempDir(), { NEW_CONVERSATIONS_PER_MINUTE: '2', TRUST_PROXY: 'true' });
    const post = (user: string, ip: string) =>
      raw(bot.url, {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ type: 'message', user, text: 'hello' }),
      });
    expect((await post('a1', '198.51.100.1')).status).toBe(200);
    expect((await post('a2', '198.51.100.1')).status).toBe(200);
    expect((await post('a3', '198.51.100.1')).status).toBe(429);
    expect((await post('b1', '198.51.100.2')).status).toBe(200);
  });
});

describe('settings that stop the real process with exit code 2, naming the variable', () => {
  afterEach(() => killStartedProcesses());
  const file = () => {
    const f = join(tempDir(), 'a-file');
    writeFileSync(f, 'x');
    return f;
  };
  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['PORT in hex', () => ({ PORT: '0x50' }), /PORT must be a whole number/],
    ['HOST not a host', () => ({ HOST: 'bad host!' }), /HOST must be an IP address or a host name/],
    ['HOST not loopback without WEB_API_TOKEN', () => ({ HOST: '0.0.0.0' }), /WEB_API_TOKEN is required when HOST is not loopback/],
    ['a javascript: URL', () => ({ EXCHANGE_SUPPORT_URL: 'javascript:alert(1)' }), /EXCHANGE_SUPPORT_URL must be an http\(s\) URL/],
    ['DATA_DIR a file', () => ({ DATA_DIR: file() }), /DATA_DIR must be a directory, not a file/],
  ];
  for (const [what, env, message] of cases) {
    it(what, async () => {
      const p = spawnStart(processEnv(tempDir(), env()));
      const exit = await withDeadline(p.exited, 15_000, 'exit on a bad setting');
      expect(exit.code).toBe(2);
      expect(p.output()).toMatch(message);
      expect(p.output()).not.toMatch(/\n\s+at /);
    });
  }

  it('starts although a stale sessions.lock names a live unrelated pid (pid 1)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sessions.lock'), '1');
    const bot = await startBotProcess(dir);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});
