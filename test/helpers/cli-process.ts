// The real `region-lock-bot start` as a child process. Runs the built CLI (dist/), which `npm test`
// compiles first; every process started here is SIGKILLed by killStartedProcesses() if still running.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths';

const BIN = join(PACKAGE_ROOT, 'bin', 'region-lock-bot.js');
const BUILT_MAIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');

export interface StartedProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];

export function assertCliBuilt(): void {
  if (!existsSync(BUILT_MAIN)) throw new Error('dist/ is missing: run `npm run build` (npm test builds first)');
}

/** Only what the bot needs (no inherited settings): loopback, a free port, the JSON log at info. */
export function processEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    DOTENV_CONFIG_QUIET: 'true',
    // A developer's own .env in the clone must not change what the tests run.
    ENV_FILE: '',
    NEW_CONVERSATIONS_PER_MINUTE: '100000',
    ...extra,
  };
}

export function spawnStart(env: NodeJS.ProcessEnv, cwd = PACKAGE_ROOT): StartedProcess {
  const child = spawn(process.execPath, [BIN, 'start'], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** For afterEach: no process outlives its test. */
export function killStartedProcesses(): void {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** An `extra` value that removes the variable from the child's environment. */
export const UNSET = '\u0000unset';

export interface BotProcess extends StartedProcess {
  url: string;
}

/** Starts `region-lock-bot start` and waits (bounded) for the URL it prints. */
export async function startBotProcess(dataDir: string, extra: Record<string, string> = {}, cwd?: string): Promise<BotProcess> {
  const env = processEnv(dataDir, extra);
  for (const [k, v] of Object.entries(extra)) if (v === UNSET) delete env[k];
  const p = spawnStart(env, cwd);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = /Chat: (http:\/\/127\.0\.0\.1:\d+)\//.exec(p.output());
    if (m) return { ...p, url: m[1] };
    if (p.child.exitCode !== null) throw new Error(`the bot exited early:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`the bot did not print its URL within 30 s:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
