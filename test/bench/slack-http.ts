// A signed Slack event (a DM to the bot) from request to 200 on loopback: the real bot (startBot,
// default store) in its own process, a local fake Slack Web API here; replies are counted at the fake.
import { SlackHarness } from '../slack/helpers';
import { startBotProcess } from './bot-process';
import { loadDialogues } from './dialogues';
import { builtModule } from './optional-module';
import { elapsedUs, round, summarize, type LatencySummary } from './stats';
import type { Skipped } from './results';

export interface SlackHttpResult extends LatencySummary {
  /** DM events sent in the timed part (each from a different user, so each starts a conversation). */
  events: number;
  /** Sequential request → 200 rate. */
  per_second: number;
  /** Replies (chat.postMessage) the fake Slack received for the timed events. */
  replies: number;
  /** Event sent → reply posted at the fake, in milliseconds (the fake records whole milliseconds). */
  reply_p50_ms: number;
  reply_p99_ms: number;
}

const WARMUP = 40;
const EVENTS = 600;
const MAX_MS = 20_000;
const REPLY_WAIT_MS = 15_000;

export async function benchSlackHttp(log: (line: string) => void): Promise<SlackHttpResult | Skipped> {
  if (!builtModule('src/server/start-bot')) return { skipped: 'src/server/start-bot.ts does not exist yet' };
  const texts = loadDialogues().map((d) => d[0]!);
  // The harness's fake Slack and signing here; the bot in its own process, started like `region-lock-bot start`.
  const harness = await new SlackHarness().start({ start: (env) => startBotProcess(env) });
  try {
    for (let i = 0; i < WARMUP; i++) await harness.dm(texts[i % texts.length]!, { user: `U0WARM${i}` });

    const samples: number[] = [];
    const sentAt = new Map<string, number>();
    const deadline = performance.now() + MAX_MS;
    const began = performance.now();
    for (let i = 0; i < EVENTS && performance.now() < deadline; i++) {
      const user = `U0BENCH${i}`;
      sentAt.set(`D${user.slice(1)}`, Date.now());
      const t = process.hrtime.bigint();
      const res = await harness.dm(texts[i % texts.length]!, { user });
      samples.push(elapsedUs(t));
      if (res.status !== 200) throw new Error(`Slack event got HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    }
    const seconds = (performance.now() - began) / 1000;

    // Replies arrive after the 200; wait (bounded) until each timed DM has one.
    const replyDelays = new Map<string, number>();
    const waitUntil = Date.now() + REPLY_WAIT_MS;
    while (replyDelays.size < sentAt.size && Date.now() < waitUntil) {
      for (const call of harness.fake.callsOf('chat.postMessage')) {
        const channel = String(call.params.channel);
        const sent = sentAt.get(channel);
        if (sent !== undefined && !replyDelays.has(channel)) replyDelays.set(channel, call.at - sent);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const latency = summarize(samples);
    const replies = summarize([...replyDelays.values()].map((ms) => ms * 1000));
    const result: SlackHttpResult = {
      ...latency,
      events: samples.length,
      per_second: round(samples.length / seconds, 0),
      replies: replyDelays.size,
      reply_p50_ms: round(replies.p50_us / 1000),
      reply_p99_ms: round(replies.p99_us / 1000),
    };
    log(`  Slack event → 200: p50 ${result.p50_us} µs, p99 ${result.p99_us} µs; ${result.replies}/${result.events} replied (p50 ${result.reply_p50_ms} ms)`);
    return result;
  } finally {
    await harness.stop();
  }
}
