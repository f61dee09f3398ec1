// A real Redis for the tests: Debian's redis-server (scripts/test-setup.sh installs it), started on a
// free loopback port (never 6379) with its own temporary directory and no persistence.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = (() => {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    try {
      execFileSync(p, ['--version'], { stdio: 'ignore' });
      return p;
    } catch {
      /* next */
    }
  }
  return null;
})();

export function requireRedisServer(): string {
  if (!REDIS_SERVER) {
    throw new Error('redis-server is not installed: run scripts/test-setup.sh (or: sudo apt-get install -y redis-server)');
  }
  return REDIS_SERVER;
}

export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    if (port !== 6379) return port;
  }
  throw new Error('no free loopback port');
}

export interface TestRedis {
  port: number;
  url: string;
  /** Stops the server (SIGKILL when `hard`); start() brings it back on the same port, empty. */
  stop(hard?: boolean): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

export async function startRedis(password?: string): Promise<TestRedis> {
  const bin = requireRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rlb-redis-'));
  let child: ChildProcess | null = null;
  let log = '';
  const start = async () => {
    if (child && child.exitCode === null) return; // already running
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
    ];
    if (password) args.push('--requirepass', password);
    child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited:\n${log}`);
      // With a password PING answers NOAUTH, which is still an answer: wait for the log line instead.
      if (password ? log.includes('Ready to accept connections') : await ping(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start within 10 s:\n${log}`);
  };
  const stop = async (hard = false) => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };
  await start();
  const auth = password ? `:${encodeURIComponent(password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}/0`,
    stop,
    start,
    async close() {
      await stop(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
