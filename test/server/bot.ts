// Starts the real bot in this process (as `region-lock-bot start` does) on a free loopback port.
import { loadConfig } from '../../src/config';
import { MemoryStore } from '../../src/store/memory';
import { createLogger } from '../../src/ops/logger';
import { startBot, type RunningBot } from '../../src/server/start-bot';
import type { SessionStore } from '../../src/store/types';

export async function startTestBot(env: Record<string, string> = {}, store: SessionStore = new MemoryStore()): Promise<RunningBot> {
  // Tests start many conversations from 127.0.0.1; the per-client limit has its own tests.
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NEW_CONVERSATIONS_PER_MINUTE: '100000',
    ...env,
  });
  return startBot(config, { store, logger: createLogger({ level: config.logLevel, format: 'json' }) });
}

export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.json() };
}

export async function postMessage(baseUrl: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The value of one Prometheus sample, e.g. metric('rlb_messages_total{channel="web"}'). */
export function metricValue(exposition: string, sample: string): number | undefined {
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${sample} `)) return Number(line.slice(sample.length + 1));
  }
  return undefined;
}
