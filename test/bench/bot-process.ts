// Runs the bot in a child process (bot-child.ts) for the HTTP benchmarks; start and stop are bounded.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface BotProcess {
  url: string;
  /** Milliseconds from spawn until the server listened. */
  readyMs: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
// Only what the bot needs: the bench's own environment must not leak settings into it.
// The load generator opens many visitors from loopback: the per-client new-conversation limit is raised.
const BASE_ENV = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', LOG_FORMAT: 'json', DOTENV_CONFIG_QUIET: 'true', NEW_CONVERSATIONS_PER_MINUTE: '100000' };

export function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [join(__dirname, 'bot-child.js')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...BASE_ENV, ...env },
    });
    let out = '';
    let err = '';
    let listening = false;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}: ${err.slice(0, 800)}`));
    };
    const timer = setTimeout(() => fail(`the bot did not listen within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => {
      if (!listening) fail(`the bot exited (code ${code}) before listening`);
    });
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^listening (\S+)/m.exec(out);
      if (!m || listening) return;
      listening = true;
      clearTimeout(timer);
      resolve({
        url: m[1]!,
        readyMs: performance.now() - began,
        async stop() {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(force);
        },
      });
    });
  });
}
