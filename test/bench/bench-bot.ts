// Starts the real bot the way `region-lock-bot start` does (startBot with its default store, in a
// scratch DATA_DIR unless one is given), on loopback with an ephemeral port and logging off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';

export interface BenchBot {
  url: string;
  stop(): Promise<void>;
  raw: unknown;
}

export async function startBenchBot(env: Record<string, string> = {}): Promise<BenchBot> {
  // Imported when called: the server module pulls in every adapter, which only the HTTP parts need.
  const { startBot } = await import('../../src/server/start-bot.js');
  const scratch = env.DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'rlb-bench-bot-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', LOG_FORMAT: 'json', ...env, DATA_DIR: env.DATA_DIR ?? scratch! });
  const cleanUp = () => scratch && rmSync(scratch, { recursive: true, force: true });
  try {
    const running = await startBot(config);
    return {
      url: running.url,
      raw: running,
      async stop() {
        await running.stop();
        cleanUp();
      },
    };
  } catch (err) {
    cleanUp();
    throw err;
  }
}
