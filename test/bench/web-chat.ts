// Web chat over the socket: message → reply latency on one connection, then sustained messages per
// second with many visitors talking at once; the real bot runs in its own process, on loopback.
import { loadDialogues } from './dialogues';
import { builtModule } from './optional-module';
import { startBotProcess } from './bot-process';
import { WebChatClient } from './web-client';
import { elapsedUs, round, summarize, type LatencySummary } from './stats';
import type { Skipped } from './results';

export interface WebChatResult extends LatencySummary {
  /** Messages per second with `visitors` sockets each sending its next message on each reply. */
  per_second: number;
  visitors: number;
  sustained_messages: number;
  sustained_seconds: number;
  /** Replies that were the rate-limit notice instead of an answer (should be 0). */
  rate_limited: number;
  /** `region-lock-bot start` equivalent: spawn until the HTTP server listens (saved model). */
  server_ready_ms: number;
}

const WARMUP = 50;
const MESSAGES = 1000;
const LATENCY_MAX_MS = 15_000;
const VISITORS = 32;
const SUSTAIN_MS = 8_000;
// The per-user limit (30/min by default) would turn a throughput run into rate-limit notices.
const BENCH_ENV = { RATE_LIMIT_PER_MINUTE: '10000' };

export async function benchWebChat(log: (line: string) => void): Promise<WebChatResult | Skipped> {
  if (!builtModule('src/server/start-bot')) return { skipped: 'src/server/start-bot.ts does not exist yet' };
  if (!builtModule('adapters/web/index')) return { skipped: 'adapters/web does not exist yet' };
  const turns = loadDialogues().flat();
  const bot = await startBotProcess(BENCH_ENV);
  const socketUrl = `${bot.url.replace(/^http/, 'ws')}/ws`;
  const clients: WebChatClient[] = [];
  let rateLimited = 0;
  const countLimited = (frame: Record<string, unknown>) => {
    if (frame.state === 'rate_limited') rateLimited++;
  };
  try {
    const one = await WebChatClient.connect(socketUrl, 'bench-latency');
    clients.push(one);
    for (let i = 0; i < WARMUP; i++) await one.say(turns[i % turns.length]!);
    const samples: number[] = [];
    const deadline = performance.now() + LATENCY_MAX_MS;
    for (let i = 0; i < MESSAGES && performance.now() < deadline; i++) {
      const t = process.hrtime.bigint();
      countLimited(await one.say(turns[i % turns.length]!));
      samples.push(elapsedUs(t));
    }
    const latency = summarize(samples);
    log(`  web chat message → reply: p50 ${latency.p50_us} µs, p99 ${latency.p99_us} µs over ${latency.samples} messages`);

    for (let v = 0; v < VISITORS; v++) clients.push(await WebChatClient.connect(socketUrl, `bench-visitor-${v}`));
    let sent = 0;
    const began = performance.now();
    const stopAt = began + SUSTAIN_MS;
    await Promise.all(
      clients.slice(1).map(async (client, v) => {
        for (let i = v; performance.now() < stopAt; i++) {
          countLimited(await client.say(turns[i % turns.length]!));
          sent++;
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    const result: WebChatResult = {
      ...latency,
      per_second: round(sent / seconds, 0),
      visitors: VISITORS,
      sustained_messages: sent,
      sustained_seconds: round(seconds, 2),
      rate_limited: rateLimited,
      server_ready_ms: round(bot.readyMs),
    };
    log(`  web chat sustained: ${result.per_second} msgs/s with ${VISITORS} visitors (${sent} messages, ${rateLimited} rate-limited)`);
    return result;
  } finally {
    for (const c of clients) c.close();
    await bot.stop();
  }
}
